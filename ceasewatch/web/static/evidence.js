/* Bring each source text's first piece of evidence into view inside its scroll box. */
(function () {
  "use strict";
  document.querySelectorAll(".doc-text").forEach(function (box) {
    var mark = box.querySelector("mark");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 60);  /* box is the offsetParent */
  });
})();
