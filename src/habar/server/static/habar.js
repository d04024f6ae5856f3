// The only script: clicking a fact in the side panel (or opening a #link to it) marks every piece of the
// text that is its evidence. The pages work without it (the links jump to the evidence).
(function () {
  "use strict";
  function mark(ref) {
    document.querySelectorAll(".text .focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll(".panel a.active").forEach(function (el) { el.classList.remove("active"); });
    if (!ref) { return; }
    document.querySelectorAll(".text [data-refs]").forEach(function (el) {
      if (el.dataset.refs.split(" ").indexOf(ref) >= 0) { el.classList.add("focus"); }
    });
    document.querySelectorAll('.panel a[data-ref]').forEach(function (el) {
      if (el.dataset.ref === ref) { el.classList.add("active"); }
    });
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var link = id && document.querySelector('.panel a[href="#' + CSS.escape(id) + '"]');
    mark(link ? link.dataset.ref : null);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".panel a[data-ref]");
    if (link) { mark(link.dataset.ref); }
  });
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);
})();
