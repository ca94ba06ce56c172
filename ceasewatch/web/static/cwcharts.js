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
  /* one symbol per event type (the PDF map uses the same shapes: reports/charts.py) */
  var SYMBOLS = {
    "Battles": "M10 2a8 8 0 1 0 0.01 0z",
    "Explosions/Remote violence": "M10 1.5 L18.5 17.5 L1.5 17.5 Z",
    "Violence against civilians": "M3 3 H17 V17 H3 Z",
    "Protests": "M7 2H13V7H18V13H13V18H7V13H2V7H7Z",
    "Riots": "M10 1 L12.6 7.2 L19 7.6 L14 11.8 L15.6 18.4 L10 14.8 L4.4 18.4 L6 11.8 L1 7.6 L7.4 7.2 Z",
    "Strategic developments": "M10 1 L19 10 L10 19 L1 10 Z"
  };
  var OTHER = "M4 4 L16 4 L16 16 L4 16 Z";
  function symbolSvg(type, size, cls) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="' + size +
      '" height="' + size + '"><path class="' + (cls || "") + '" d="' + (SYMBOLS[type] || OTHER) +
      '" fill="' + colour(type) + '" fill-opacity="0.9" stroke="#fff" stroke-width="1.6"/></svg>';
  }

  /* Province (admin-1) lines and their names; the names show from zoom 6 on. */
  function provinces(map, admin1) {
    if (!admin1 || !admin1.features || !admin1.features.length) return;
    var labels = L.layerGroup();
    L.geoJSON(admin1, {
      interactive: false,
      style: { color: "#9aa0a6", weight: 0.6, dashArray: "3 3", fill: false },
      onEachFeature: function (f, lyr) {
        var c = lyr.getBounds().getCenter();
        labels.addLayer(L.tooltip({ permanent: true, direction: "center", className: "province-label" })
          .setLatLng(c).setContent(esc(f.properties.name)));
      }
    }).addTo(map);
    function toggle() {
      if (map.getZoom() >= 6) labels.addTo(map); else labels.remove();
    }
    map.on("zoomend", toggle);
    toggle();
  }

  /* The legend: the symbol and colour of each event type on the map. */
  function legend(map, types) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "map-legend");
      div.innerHTML = types.map(function (t) {
        return '<div class="legend-item">' + symbolSvg(t, 12) + " " + esc(t) + "</div>";
      }).join("");
      return div;
    };
    control.addTo(map);
    return control;
  }

  function basemap(el, topology, view, admin1) {
    var map = L.map(el, { zoomSnap: 0.25, worldCopyJump: false, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    var countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#7a7f86", weight: 0.8, fillColor: "#eef0eb", fillOpacity: 1 }
    }).addTo(map);
    provinces(map, admin1);
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

  /* Markers that overlap at the current zoom are drawn as one cluster showing their count;
     zooming in splits them (the grouping is redone on every zoom). Clicking a cluster zooms to
     its events, or lists them in a popup when they share one spot (no zoom splits them). */
  var CLUSTER_PX = 24;

  function groupsAt(map, items) {
    var out = [];
    items.forEach(function (it) {
      var p = map.project(it.latlng, map.getZoom());
      for (var i = 0; i < out.length; i++) {
        if (out[i].point.distanceTo(p) < CLUSTER_PX) { out[i].items.push(it); return; }
      }
      out.push({ point: p, items: [it] });
    });
    return out;
  }

  function markers(map, events, opts) {
    opts = opts || {};
    var layer = L.featureGroup(), labels = L.layerGroup(), types = {}, items = [];
    function popup(e) {
      var fat = e.fatalities_display ? " · " + esc(e.fatalities_display) + " killed" : "";
      var link = opts.link === false ? "" :
        '<br><a class="popup-link" href="' + (opts.base || "") + "/events/" + esc(e.id) + '">Open event →</a>';
      return "<strong>" + esc(e.what) + "</strong><br>" + esc(e.event_date || "undated") +
             " · " + esc(e.where) + fat + "<br>" + esc(e.independent_sources) +
             " independent source(s)" + link;
    }
    events.forEach(function (e) {
      if (e.latitude == null || e.longitude == null) return;
      var size = 16 + Math.min(16, 2 * Math.sqrt((e.fatality_band && e.fatality_band[2]) || 0));
      items.push({ e: e, size: size, latlng: L.latLng(e.latitude, e.longitude) });
      types[e.event_type || "Other"] = true;
    });
    function single(it) {
      var e = it.e, size = it.size;
      var m = L.marker(it.latlng, {
        icon: L.divIcon({ className: "event-symbol", html: symbolSvg(e.event_type, size, "event-marker"),
                          iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
        keyboard: true, title: (e.event_date || "") + " " + (e.what || "")
      });
      m.bindPopup(popup(e));
      return m;
    }
    function cluster(g) {
      var bounds = L.latLngBounds(g.items.map(function (it) { return it.latlng; }));
      var n = g.items.length, size = Math.min(44, 24 + 4 * Math.sqrt(n));
      var m = L.marker(bounds.getCenter(), {
        icon: L.divIcon({ className: "event-cluster", iconSize: [size, size],
                          iconAnchor: [size / 2, size / 2],
                          html: '<span class="cluster-count" data-count="' + n + '">' + n + "</span>" }),
        keyboard: true, title: n + " events here: zoom in to separate them"
      });
      var samePlace = bounds.getSouthWest().equals(bounds.getNorthEast());
      m.on("click", function () {
        var zoom = samePlace ? map.getZoom() : map.getBoundsZoom(bounds.pad(0.3));
        if (zoom > map.getZoom() && zoom <= map.getMaxZoom()) {
          map.fitBounds(bounds.pad(0.3));
        } else {  // the same spot at every zoom: list its events
          m.unbindPopup();
          m.bindPopup(g.items.map(function (it) { return popup(it.e); }).join("<hr>"),
                      { maxHeight: 260 }).openPopup();
        }
      });
      return m;
    }
    function draw() {
      layer.clearLayers();
      labels.clearLayers();
      var named = {};
      groupsAt(map, items).forEach(function (g) {
        var first = g.items[0], m = g.items.length === 1 ? single(first) : cluster(g);
        layer.addLayer(m);
        var place = first.e.location || first.e.where;
        if (place && !named[place]) {  // each place named once, beside its first symbol
          named[place] = true;
          var offset = g.items.length === 1 ? first.size / 2 : 16;
          labels.addLayer(L.tooltip({ permanent: true, direction: "right", offset: [offset, 0],
                                      className: "place-label" })
            .setLatLng(m.getLatLng()).setContent(esc(place)));
        }
      });
    }
    draw();
    map.on("zoomend", draw);
    layer.on("remove", function () { map.off("zoomend", draw); labels.remove(); });
    layer.events = items.length;  // the events on the map, clustered or not
    layer.addTo(map);
    labels.addTo(map);
    if (map._cwLegend) map._cwLegend.remove();
    if (Object.keys(types).length) map._cwLegend = legend(map, Object.keys(types).sort());
    if (map._cwLabels) map._cwLabels.remove();
    map._cwLabels = labels;
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
                colour: colour, esc: esc, precise: precise, KINETIC: KINETIC,
                symbolSvg: symbolSvg };
})();
