/* Actor lookup: asks /api/actors who a name refers to as of a date. */
"use strict";
(function () {
  const form = document.getElementById("lookup-form");
  const out = document.getElementById("lookup-result");
  if (!form || !out) return;

  function describe(match) {
    if (match === null || typeof match !== "object") return String(match);
    const keys = ["code", "name", "country", "sector", "kind", "start", "end", "reason"];
    const parts = keys.filter((k) => match[k]).map((k) => k + ": " + match[k]);
    return parts.length ? parts.join(" · ") : JSON.stringify(match);
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    params.set("name", form.elements.name.value.trim());
    if (form.elements.as_of.value) params.set("as_of", form.elements.as_of.value);
    out.textContent = "Looking up…";
    try {
      const res = await fetch("/api/actors?" + params.toString());
      const body = await res.json();
      if (!res.ok) throw new Error(typeof body.detail === "string" ? body.detail : "lookup failed");
      const matches = Array.isArray(body.matches) ? body.matches : body.matches ? [body.matches] : [];
      out.replaceChildren();
      if (!matches.length) out.textContent = "No match for “" + body.name + "”.";
      for (const m of matches) out.appendChild(window.ew.el("div", { class: "lookup-match" }, describe(m)));
    } catch (err) {
      out.textContent = "Error: " + err.message;
    }
  });
})();
