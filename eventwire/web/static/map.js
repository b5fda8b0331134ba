/* Map: clicking a point highlights its row in the table below, and the other way round. */
"use strict";
(function () {
  function select(loc, scroll) {
    if (!/^loc\d+$/.test(loc || "")) return;
    document.querySelectorAll(".point.active, tr.active").forEach((n) => n.classList.remove("active"));
    const point = document.getElementById("pt-" + loc);
    const row = document.getElementById("row-" + loc);
    if (point) point.classList.add("active");
    if (row) {
      row.classList.add("active");
      if (scroll) row.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }
  document.addEventListener("click", (e) => {
    if (!(e.target instanceof Element) || e.target.closest("a")) return;
    const hit = e.target.closest("[data-loc]");
    if (hit) select(hit.dataset.loc, hit.tagName.toLowerCase() === "circle");
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target instanceof Element && e.target.matches(".point")) select(e.target.dataset.loc, true);
  });
})();
