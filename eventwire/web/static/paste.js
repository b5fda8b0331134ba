/* Paste an article: code it with POST /api/code, show it like the reader, store it with POST /api/articles. */
"use strict";
(function () {
  const { el } = window.ew;
  const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const form = document.getElementById("paste-form");
  const MODALITIES = (form.dataset.modalities || "").split(" ").filter(Boolean); // from the server
  const status = document.getElementById("paste-status");
  const result = document.getElementById("paste-result");
  const storeForm = document.getElementById("store-form");
  const storeStatus = document.getElementById("store-status");
  let lastPayload = null;

  function payload() {
    const f = form.elements;
    const body = { title: f.title.value || null, date: f.date.value || null, url: f.url.value || null,
                   publisher: f.publisher.value || null };
    body[f.kind.value === "html" ? "html" : "text"] = f.body.value;
    return body;
  }

  async function post(url, body, token) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    if (!res.ok) {
      const detail = data && data.detail;
      const msg = typeof detail === "string" ? detail : Array.isArray(detail) && detail[0] ? detail[0].msg : res.statusText;
      throw new Error(msg + " (HTTP " + res.status + ")");
    }
    return data;
  }

  function actorList(mentions) {
    const span = el("span", { class: "actors" });
    if (!mentions.length) span.appendChild(el("span", { class: "muted" }, "–"));
    mentions.forEach((m, i) => {
      if (i) span.appendChild(document.createTextNode(" "));
      span.appendChild(el("span", { class: "actor-code", title: m.text + (m.name ? " · " + m.name : "") }, m.code || m.country || m.text));
    });
    return span;
  }

  function typeBadge(t) {
    const badge = el("span", { class: "badge type-badge", "data-type": t });
    badge.appendChild(el("span", { class: "swatch swatch-" + String(t).toLowerCase(), "aria-hidden": "true" }));
    badge.appendChild(document.createTextNode(t));
    return badge;
  }

  function row(dl, term, value) {
    dl.appendChild(el("dt", {}, term));
    const dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }

  function card(ev) {
    const sec = el("section", { class: "event-card", id: "ev-" + ev.id, "data-event": ev.id,
                                "data-sentence": ev.sentence_key, tabindex: "0" });
    const head = el("header");
    head.appendChild(typeBadge(ev.plover.type));
    if (ev.plover.mode) head.appendChild(el("span", { class: "muted small" }, " " + ev.plover.mode));
    if (ev.cameo.quad_class) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", { class: "quad quad-" + ev.cameo.quad_class }, QUADS[ev.cameo.quad_class]));
    }
    sec.appendChild(head);
    const dyad = el("div", { class: "dyad" });
    dyad.appendChild(actorList(ev.actor));
    dyad.appendChild(el("span", { class: "arrow" }, " → "));
    dyad.appendChild(actorList(ev.recipient));
    sec.appendChild(dyad);
    const dl = el("dl");
    row(dl, "Trigger", "“" + ev.trigger.text + "”");
    row(dl, "CAMEO", ev.cameo.code + " (root " + ev.cameo.root + ")");
    const g = ev.cameo.goldstein;
    const gold = g === null || g === undefined
      ? el("span", { class: "muted" }, "–")
      : el("span", { class: "gold " + (g > 0 ? "gold-pos" : g < 0 ? "gold-neg" : "") }, (g > 0 ? "+" : "") + Number(g).toFixed(1));
    row(dl, "Goldstein", gold);
    if (ev.date) row(dl, "Date", ev.date.value + " · " + ev.date.precision + (ev.date.text ? " · “" + ev.date.text + "”" : ""));
    if (ev.location) row(dl, "Place", ev.location.text + (ev.location.country ? " (" + ev.location.country + ")" : ""));
    const flags = MODALITIES.filter((m) => ev.modality[m]);
    if (flags.length || ev.modality.attributed_to) {
      row(dl, "Modality", flags.join(", ") + (ev.modality.attributed_to ? " · attributed to “" + ev.modality.attributed_to + "”" : ""));
    }
    row(dl, "Confidence", Number(ev.confidence).toFixed(2));
    if (ev.explanation) row(dl, "Why", ev.explanation);
    sec.appendChild(dl);
    return sec;
  }

  function show(data) {
    const art = data.article;
    document.getElementById("result-title").textContent = art.title || "(untitled)";
    const meta = [art.publisher, art.published ? art.published.slice(0, 10) : null,
                  data.events.length + " event" + (data.events.length === 1 ? "" : "s") + " coded"];
    document.getElementById("result-meta").textContent = meta.filter(Boolean).join(" · ");
    const text = document.getElementById("article-text");
    text.replaceChildren();
    for (const seg of data.segments) {
      if (!seg.classes.length) { text.appendChild(document.createTextNode(seg.text)); continue; }
      const span = el("span", { class: seg.classes.join(" "), title: seg.title });
      if (seg.events.length) {
        span.setAttribute("data-events", seg.events.join(" "));
        span.setAttribute("tabindex", "0");
        span.setAttribute("role", "button");
      }
      span.textContent = seg.text;
      text.appendChild(span);
    }
    const cards = document.getElementById("event-cards");
    cards.replaceChildren();
    if (!data.events.length) cards.appendChild(el("p", { class: "empty" }, "No events were coded in this text."));
    data.events.forEach((ev) => cards.appendChild(card(ev)));
    result.hidden = false;
    storeStatus.textContent = "";
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = payload();
    status.textContent = "Coding… (the first request loads the language model)";
    form.classList.add("busy");
    try {
      const data = await post("/api/code", body);
      lastPayload = body;
      show(data);
      status.textContent = "Coded " + data.events.length + " event" + (data.events.length === 1 ? "" : "s") + ".";
    } catch (err) {
      status.textContent = "Could not code this: " + err.message;
    } finally {
      form.classList.remove("busy");
    }
  });

  storeForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!lastPayload) return;
    storeStatus.textContent = "Storing…";
    try {
      const data = await post("/api/articles", lastPayload, storeForm.elements.token.value.trim());
      storeStatus.replaceChildren();
      const s = data.stored;
      storeStatus.appendChild(document.createTextNode(s.added ? "Stored " + s.events_added + " events. " : "Already stored. "));
      storeStatus.appendChild(el("a", { href: s.url, id: "stored-link" }, "Open the article"));
    } catch (err) {
      storeStatus.textContent = "Not stored: " + err.message;
    }
  });
})();
