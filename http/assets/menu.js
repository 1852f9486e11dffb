// Menus: the <details class="menu"> of the top navigation close on Escape
// (focus returns to their summary), on a click or focus outside them, and
// when another one opens, as menus do. Without this file they open and
// close by their summary alone.
(function () {
  "use strict";
  function menus() {
    return document.querySelectorAll("details.menu[open]");
  }
  function closeAll(except) {
    menus().forEach(function (d) {
      if (d !== except) d.open = false;
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = e.target.closest && e.target.closest("details.menu[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
    e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    closeAll(e.target.closest && e.target.closest("details.menu"));
  });
  document.addEventListener("focusin", function (e) {
    closeAll(e.target.closest && e.target.closest("details.menu"));
  });
})();
