/* Self-contained sitrep: draw the map and charts from the data embedded in the page. */
(function () {
  "use strict";
  var m = JSON.parse(document.getElementById("sitrep-data").textContent);
  var topo = JSON.parse(document.getElementById("countries-data").textContent);
  var view = m.view || (m.theater && m.theater.view);
  var admin1 = JSON.parse(document.getElementById("admin1-data").textContent);
  var map = CW.basemap(document.getElementById("map"), topo, view, admin1);
  var layer = CW.markers(map, m.map_points, { link: false });
  if (!view && layer.getLayers().length) map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 7 });
  CW.timelineChart(document.getElementById("timeline-chart"), m.events, m.period.start, m.period.end);
  CW.casualtyChart(document.getElementById("casualty-chart"), m.trend.map(function (w) {
    return { label: w.end.slice(5), low: w.fatalities_low, reported: w.fatalities, high: w.fatalities_high };
  }));
})();
