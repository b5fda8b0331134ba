/* Article reader: clicking an event record or a trigger highlights the event's sentence. */
"use strict";
(function () {
  function clearHighlights() {
    document.querySelectorAll(".sent.hl").forEach((n) => n.classList.remove("hl"));
    document.querySelectorAll(".event-card.active").forEach((n) => n.classList.remove("active"));
    document.querySelectorAll(".trigger.active").forEach((n) => n.classList.remove("active"));
  }

  /** Highlight the sentence (and trigger) of one event and mark its record. */
  function activate(eventId, scrollCard) {
    const card = document.getElementById("ev-" + eventId);
    if (!card) return;
    clearHighlights();
    card.classList.add("active");
    const key = card.dataset.sentence;
    const parts = key && /^s\d+$/.test(key) ? document.querySelectorAll(".sent." + key) : [];
    parts.forEach((n) => n.classList.add("hl"));
    document.querySelectorAll(".trigger[data-events]").forEach((n) => {
      if (n.dataset.events.split(" ").includes(eventId)) n.classList.add("active");
    });
    if (parts.length) parts[0].scrollIntoView({ block: "center", behavior: "smooth" });
    if (scrollCard) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function handle(target) {
    const trigger = target.closest("[data-events]");
    if (trigger) {
      activate(trigger.dataset.events.split(" ")[0], true);
      return true;
    }
    const card = target.closest(".event-card");
    if (card) {
      activate(card.dataset.event, false);
      return true;
    }
    return false;
  }

  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && !e.target.closest("a")) handle(e.target);
  });
  document.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target instanceof Element && handle(e.target)) e.preventDefault();
  });

  function fromHash() {
    const m = /^#ev-([0-9a-f]+)$/.exec(window.location.hash);
    if (m) activate(m[1], true);
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);
  if (document.readyState !== "loading") fromHash();

  window.ewReader = { activate };
})();
