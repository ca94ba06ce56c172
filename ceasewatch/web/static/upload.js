/* Upload form: POST /api/documents with the token as a Bearer header; shows the outcome. */
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var out = document.getElementById("upload-result");
  if (!form) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData();
    var file = document.getElementById("u-file").files[0];
    if (file) data.append("file", file);
    var text = document.getElementById("u-text").value;
    if (!file && text) data.append("text", text);
    ["name", "published"].forEach(function (k) {
      var v = document.getElementById("u-" + k).value;
      if (v) data.append(k, v);
    });
    var token = document.getElementById("u-token").value;
    var headers = token ? { Authorization: "Bearer " + token } : {};
    out.className = "result";
    out.textContent = "Uploading…";
    fetch("/api/documents", { method: "POST", body: data, headers: headers })
      .then(function (r) { return r.json().then(function (b) { return [r.status, b]; }); })
      .then(function (sb) {
        var status = sb[0], body = sb[1];
        if (body.error) {
          out.className = "result bad";
          out.textContent = "Refused (" + status + "): " + body.error.message;
          return;
        }
        var r = body.results[0] || {};
        out.className = "result ok";
        out.innerHTML = "";
        out.appendChild(document.createTextNode(
          (r.outcome === "added" ? "Added " : "Already known: ") + (r.name || "") +
          " — " + (r.mentions || 0) + " event mention(s). "));
        if (r.doc_id) {
          var a = document.createElement("a");
          a.href = "/documents/" + r.doc_id;
          a.textContent = "Open the document";
          out.appendChild(a);
        }
      })
      .catch(function (err) { out.className = "result bad"; out.textContent = String(err); });
  });
})();
