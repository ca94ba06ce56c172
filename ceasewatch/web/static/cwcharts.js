/* Shared drawing code for the dashboard and the self-contained sitrep.
   Leaflet draws the map over Natural Earth country shapes (no tile server); Chart.js draws
   the timeline and the casualty band. Exposed as window.CW. */
(function () {
  "use strict";
  var KINETIC = ["Battles", "Explosions/Remote violence", "Violence against civilians"];
  var COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad", "Protests": "#16a085", "Riots": "#d35400",
    "Strategic developments": "#2c6fbb"
  };
  function colour(type) { return COLOURS[type] || "#7f8c8d"; }

  function basemap(el, topology, view) {
    var map = L.map(el, { zoomSnap: 0.25, worldCopyJump: false, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    var countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#7a7f86", weight: 0.8, fillColor: "#eef0eb", fillOpacity: 1 }
    }).addTo(map);
    if (view && view.length === 4) {
      map.fitBounds([[view[1], view[0]], [view[3], view[2]]]);
    } else {
      map.setView([30, 50], 3);
    }
    return map;
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function markers(map, events, opts) {
    opts = opts || {};
    var layer = L.featureGroup();
    events.forEach(function (e) {
      if (e.latitude == null || e.longitude == null) return;
      var fat = e.fatalities_display ? " · " + esc(e.fatalities_display) + " killed" : "";
      var m = L.circleMarker([e.latitude, e.longitude], {
        radius: 7 + Math.min(8, Math.sqrt((e.fatality_band && e.fatality_band[2]) || 0)),
        color: "#fff", weight: 1.5, fillColor: colour(e.event_type), fillOpacity: 0.85,
        className: "event-marker"
      });
      var link = opts.link === false ? "" :
        '<br><a class="popup-link" href="' + (opts.base || "") + "/events/" + esc(e.id) + '">Open event →</a>';
      m.bindPopup("<strong>" + esc(e.what) + "</strong><br>" + esc(e.event_date || "undated") +
                  " · " + esc(e.where) + fat + "<br>" + esc(e.independent_sources) +
                  " independent source(s)" + link);
      m.bindTooltip(esc(e.event_date || "") + " " + esc(e.what) + " — " + esc(e.location || ""));
      layer.addLayer(m);
    });
    layer.addTo(map);
    return layer;
  }

  function days(start, end) {
    var out = [], d = new Date(start + "T00:00:00Z"), last = new Date(end + "T00:00:00Z");
    while (d <= last && out.length < 1000) {
      out.push(d.toISOString().slice(0, 10));
      d.setUTCDate(d.getUTCDate() + 1);
    }
    return out;
  }

  /* Day-by-day charts show only events dated to the day or week: an event known only to the
     month ("in October, fierce fighting...") would otherwise pile up on an arbitrary day. */
  function precise(e) { return e.event_date && (!e.date_precision || e.date_precision === "day" || e.date_precision === "week"); }

  function span(events, from, to) {
    var dated = events.filter(function (e) { return e.event_date; })
                      .map(function (e) { return e.event_date; }).sort();
    return [from || dated[0], to || dated[dated.length - 1]];
  }

  /* Events per day and type: a stacked bar chart over the period. */
  function timelineChart(canvas, events, from, to, onClick) {
    events = events.filter(precise);
    var s = span(events, from, to);
    var labels = s[0] ? days(s[0], s[1]) : [];
    var types = {};
    events.forEach(function (e) { types[e.event_type || e.native_type] = true; });
    var datasets = Object.keys(types).sort().map(function (t) {
      var counts = labels.map(function () { return 0; });
      events.forEach(function (e) {
        var i = labels.indexOf(e.event_date);
        if (i >= 0 && (e.event_type || e.native_type) === t) counts[i] += 1;
      });
      return { label: t, data: counts, backgroundColor: colour(t), stack: "s" };
    });
    return new Chart(canvas, {
      type: "bar", data: { labels: labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { labels: { boxWidth: 10, font: { size: 10 } } } },
        onClick: function (evt, elements) {
          if (onClick && elements.length) onClick(labels[elements[0].index]);
        }
      }
    });
  }

  /* Deaths per bucket with a low–high band: added up per event, never per report. */
  function casualtyChart(canvas, buckets) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: buckets.map(function (b) { return b.label; }),
        datasets: [
          { label: "low", data: buckets.map(function (b) { return b.low; }),
            borderColor: "rgba(192,57,43,0.25)", pointRadius: 0, fill: false },
          { label: "high", data: buckets.map(function (b) { return b.high; }),
            borderColor: "rgba(192,57,43,0.25)", backgroundColor: "rgba(232,160,154,0.45)",
            pointRadius: 0, fill: "-1" },
          { label: "reported", data: buckets.map(function (b) { return b.reported; }),
            borderColor: "#c0392b", backgroundColor: "#c0392b", pointRadius: 3, fill: false }
        ]
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { labels: { boxWidth: 10, font: { size: 10 } } } }
      }
    });
  }

  /* Per-day buckets over the period from event rows (fatality_band = [low, reported, high]). */
  function dailyCasualties(events, from, to) {
    events = events.filter(precise);
    var s = span(events, from, to);
    if (!s[0]) return [];
    return days(s[0], s[1]).map(function (day) {
      var b = { label: day.slice(5), low: 0, reported: 0, high: 0 };
      events.forEach(function (e) {
        if (e.event_date === day && e.fatality_band) {
          b.low += e.fatality_band[0]; b.reported += e.fatality_band[1]; b.high += e.fatality_band[2];
        }
      });
      return b;
    });
  }

  window.CW = { basemap: basemap, markers: markers, timelineChart: timelineChart,
                casualtyChart: casualtyChart, dailyCasualties: dailyCasualties,
                colour: colour, esc: esc, precise: precise, KINETIC: KINETIC };
})();
