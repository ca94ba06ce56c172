/* Dashboard: filters -> /api/events -> map markers, timeline, casualty chart, incident list.
   The filters live in the URL (?from=&to=&type=&min_sources=&actor=&place=&country=&bbox=
   &verified_only=) so a view can be shared. */
(function () {
  "use strict";
  var script = document.getElementById("dashboard-script");
  var mapEl = document.getElementById("map");
  var form = document.getElementById("filters");
  var status = document.getElementById("status");
  var list = document.getElementById("timeline");
  var map, layer, timeline, casualties, shown = [], sliderDays = [];
  var slider = document.getElementById("map-slider");
  var sliderOut = document.getElementById("map-day");
  var WINDOW_DAYS = 7;

  function drawMarkers(events) {
    if (layer) map.removeLayer(layer);
    layer = CW.markers(map, events);
    mapEl.dataset.markers = String(layer.events);  // events mapped, clustered or not
  }

  /* The time slider: the week to the chosen day on the map (its right end: every date). */
  function resetSlider(events) {
    shown = events;
    var days = {};
    events.forEach(function (e) { if (e.event_date && e.latitude != null) days[e.event_date] = true; });
    sliderDays = Object.keys(days).sort();
    slider.max = String(sliderDays.length);
    slider.value = slider.max;
    slider.disabled = sliderDays.length < 2;
    sliderOut.textContent = "all dates";
  }

  function onSlide() {
    var i = Number(slider.value);
    if (i >= sliderDays.length) { drawMarkers(shown); sliderOut.textContent = "all dates"; return; }
    var end = sliderDays[i];
    var start = new Date(end + "T00:00:00Z");
    start.setUTCDate(start.getUTCDate() - (WINDOW_DAYS - 1));
    var first = start.toISOString().slice(0, 10);
    drawMarkers(shown.filter(function (e) {
      var last = e.event_end || e.event_date;
      return e.event_date && e.event_date <= end && last >= first;
    }));
    sliderOut.textContent = first + " – " + end + " (" + mapEl.dataset.markers + " on the map)";
  }
  slider.addEventListener("input", onSlide);
  var fields = { from: "f-from", to: "f-to", type: "f-type", min_sources: "f-min",
                 actor: "f-actor", place: "f-place", country: "f-country", bbox: "f-bbox",
                 verified_only: "f-verified" };

  function value(id) {
    var el = document.getElementById(id);
    if (el.type === "checkbox") return el.checked ? "true" : "";
    return el.value;
  }

  function params() {
    var p = new URLSearchParams();
    Object.keys(fields).forEach(function (k) {
      var v = value(fields[k]);
      if (v) p.set(k, v);
    });
    return p;
  }

  function fromUrl() {
    var p = new URLSearchParams(window.location.search);
    Object.keys(fields).forEach(function (k) {
      var el = document.getElementById(fields[k]);
      if (!p.get(k)) return;
      if (el.type === "checkbox") el.checked = p.get(k) === "true";
      else el.value = p.get(k);
    });
  }

  function renderList(events) {
    list.innerHTML = "";
    events.forEach(function (e) {
      var li = document.createElement("li");
      li.className = "incident";
      li.dataset.date = e.event_date || "";
      var dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = CW.colour(e.event_type);
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = (e.event_date || "undated") +
        (e.date_precision && e.date_precision !== "day" ? " (" + e.date_precision + ")" : "") +
        " — " + e.what + (e.location ? " at " + e.location : "") +
        (e.fatalities_display ? " · " + e.fatalities_display + " killed" : "");
      li.appendChild(dot);
      li.appendChild(a);
      if (e.actor1 || e.actor2) {
        var actors = document.createElement("span");
        actors.className = "actors muted small";
        actors.textContent = " " + (e.actor1 || "unknown") + (e.actor2 ? " vs " + e.actor2 : "");
        li.appendChild(actors);
      }
      if (e.disputed_fields.length || e.initiator_disputed) {
        var tag = document.createElement("span");
        tag.className = "tag disputed";
        tag.textContent = "disputed";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(tag);
      }
      list.appendChild(li);
    });
    if (!events.length) list.innerHTML = '<li class="muted">No event matches these filters.</li>';
  }

  function load() {
    var p = params();
    history.replaceState(null, "", p.toString() ? "?" + p.toString() : window.location.pathname);
    p.set("limit", "1000");
    status.textContent = "Loading…";
    return fetch("/api/events?" + p.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return [r, body]; }); })
      .then(function (rb) {
        var body = rb[1];
        if (!rb[0].ok) { status.textContent = body.error ? body.error.message : "error"; return; }
        var events = body.items;
        drawMarkers(events);
        resetSlider(events);
        var bounds = layer.getBounds();
        if (bounds.isValid() && p.toString().length > 10) map.fitBounds(bounds.pad(0.5), { maxZoom: 7 });
        var unmapped = events.filter(function (e) { return e.latitude == null; }).length;
        document.getElementById("unmapped").textContent = unmapped ?
          unmapped + " event(s) without coordinates (e.g. \"along the border\") are listed below but not mapped." : "";
        var vague = events.filter(function (e) { return !CW.precise(e); }).length;
        document.getElementById("uncharted").textContent = vague ?
          vague + " event(s) dated only to the month or year are listed below but not charted by day." : "";
        var from = p.get("from"), to = p.get("to");
        if (timeline) timeline.destroy();
        timeline = CW.timelineChart(document.getElementById("timeline-chart"), events, from, to,
          function (day) {
            var item = list.querySelector('li[data-date="' + day + '"] a');
            if (item) { item.scrollIntoView({ block: "center" }); item.focus(); }
          });
        if (casualties) casualties.destroy();
        casualties = CW.casualtyChart(document.getElementById("casualty-chart"),
                                      CW.dailyCasualties(events, from, to));
        renderList(events);
        status.textContent = body.total + " event(s)" +
          (body.total > events.length ? ", showing " + events.length : "");
        document.body.dataset.ready = "1";
      })
      .catch(function (err) { status.textContent = "Could not load events: " + err; });
  }

  Promise.all([fetch(script.dataset.countries).then(function (r) { return r.json(); }),
               fetch(script.dataset.admin1).then(function (r) { return r.ok ? r.json() : null; })
                 .catch(function () { return null; })]).then(function (data) {
    var topo = data[0];
    map = CW.basemap(mapEl, topo, JSON.parse(mapEl.dataset.view || "null"), data[1]);
    fromUrl();
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
    form.addEventListener("change", function () { load(); });
    document.getElementById("f-reset").addEventListener("click", function () {
      form.reset();
      load();
    });
    load();
  });
})();
