/* The review pages, driven from the keyboard.
   Queue: j/k move, Enter opens. Event review: j/k move between items, v verify, x reject,
   n needs review, d draft, / focus the note, ] next event. Decisions are POSTed with the
   analyst's own token in a header; the token lives in this tab's session storage only. */
(function () {
  "use strict";
  var KEY = "ceasewatch.reviewToken";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue-item, .review-item"));
  var current = -1;

  function select(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle("selected", j === current); });
    var row = rows[current];
    row.focus({preventScroll: true});
    row.scrollIntoView({block: "nearest"});
    var mention = row.getAttribute("data-mention");
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    if (mention) {
      var marks = document.querySelectorAll('mark[data-mention="' + mention + '"]');
      marks.forEach(function (m) { m.classList.add("current"); });
      if (marks.length) {
        var box = marks[0].closest(".doc-text");
        if (box) box.scrollTop = Math.max(0, marks[0].offsetTop - 60);
      }
    }
  }

  function token() { return window.sessionStorage.getItem(KEY); }
  var status = document.getElementById("review-status");
  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.className = bad ? "error" : "muted";
  }

  function whoami() {
    var who = document.getElementById("whoami");
    if (!who) return;
    if (!token()) { who.textContent = "Not signed in."; return; }
    fetch("/api/review/me", {headers: {"Authorization": "Bearer " + token()}})
      .then(function (r) { return r.json().then(function (b) { return [r.status, b]; }); })
      .then(function (res) {
        if (res[0] === 200) who.textContent = "Signed in as " + res[1].name + " (" + res[1].role + ")";
        else { who.textContent = "Not signed in: " + res[1].error.message; }
      });
  }

  function decide(row, state) {
    if (!token()) { say("Sign in with your token to decide.", true); return; }
    var note = document.getElementById("note");
    var body = {state: state, note: note ? note.value : "", event_id: row.getAttribute("data-event")};
    fetch("/api/review/items/" + encodeURIComponent(row.getAttribute("data-item")), {
      method: "POST",
      headers: {"Authorization": "Bearer " + token(), "Content-Type": "application/json"},
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (b) { return [r.status, b]; }); })
      .then(function (res) {
        if (res[0] !== 201) { say("Not recorded: " + res[1].error.message, true); return; }
        var d = res[1];
        var tag = row.querySelector(".review-state");
        tag.className = "review-state state-" + d.state;
        tag.textContent = d.state.replace("_", " ") + " by " + d.analyst;
        var history = document.getElementById("review-history");
        if (history) {
          var empty = history.querySelector("tr.empty");
          if (empty) empty.remove();
          var tr = history.insertRow(1);
          [d.at, d.analyst, d.state.replace("_", " "), d.item_kind + " " + d.item_id, d.note]
            .forEach(function (text) { tr.insertCell().textContent = text; });
        }
        if (note) note.value = "";
        say("Recorded: " + d.item_id + " " + d.state.replace("_", " ") + " by " + d.analyst + ".");
      })
      .catch(function (err) { say("Not recorded: " + err, true); });
  }

  var form = document.getElementById("signin");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var input = document.getElementById("token");
      if (input.value) window.sessionStorage.setItem(KEY, input.value.trim());
      input.value = "";
      whoami();
    });
    document.getElementById("signout").addEventListener("click", function () {
      window.sessionStorage.removeItem(KEY);
      whoami();
    });
    whoami();
  }

  rows.forEach(function (row, i) {
    row.addEventListener("click", function () { select(i); });
    row.querySelectorAll("button[data-state]").forEach(function (b) {
      b.addEventListener("click", function (ev) {
        ev.stopPropagation();
        select(i);
        decide(row, b.getAttribute("data-state"));
      });
    });
  });

  var STATES = {v: "verified", x: "rejected", n: "needs_review", d: "draft"};
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) {
      if (ev.key === "Escape") t.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j") { select(current + 1); ev.preventDefault(); }
    else if (ev.key === "k") { select(current - 1); ev.preventDefault(); }
    else if (ev.key === "Enter" && current >= 0 && rows[current].getAttribute("data-href")) {
      window.location.href = rows[current].getAttribute("data-href");
    } else if (ev.key === "/") {
      var note = document.getElementById("note");
      if (note) { note.focus(); ev.preventDefault(); }
    } else if (ev.key === "]") {
      var next = document.getElementById("next-event");
      if (next) window.location.href = next.getAttribute("href");
    } else if (STATES[ev.key] && current >= 0 && rows[current].getAttribute("data-item")) {
      decide(rows[current], STATES[ev.key]);
      ev.preventDefault();
    }
  });
  if (rows.length) select(0);
})();
