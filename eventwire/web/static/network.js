/* Actor network: a small force-directed layout drawn into SVG. */
"use strict";
(function () {
  const { svg, data } = window.ew;
  const graph = data("network-data");
  const root = document.getElementById("network");
  if (!graph || !root || !graph.nodes.length) return;
  const W = 900, H = 560, PAD = 40;
  const TONES = { cooperation: "#2f9e6b", conflict: "#d1453b", mixed: "#8a94a6" };

  const nodes = graph.nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / graph.nodes.length;
    return { ...n, x: W / 2 + (W / 3) * Math.cos(angle), y: H / 2 + (H / 3) * Math.sin(angle), dx: 0, dy: 0 };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = graph.edges.filter((e) => byId.has(e.source) && byId.has(e.target));

  // Fruchterman–Reingold with a linear cooling schedule; deterministic start on a circle.
  const k = Math.min(170, Math.sqrt(((W - 2 * PAD) * (H - 2 * PAD)) / nodes.length) * 0.75);
  const ITER = 300;
  for (let it = 0; it < ITER; it++) {
    const temp = (W / 10) * (1 - it / ITER) + 1;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = ((d * d) / k) * (1 + Math.log(1 + e.events) / 4);
      dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const a of nodes) {
      a.dx += (W / 2 - a.x) * 0.02 * k / 10; // weak gravity keeps components on screen
      a.dy += (H / 2 - a.y) * 0.02 * k / 10;
      const d = Math.max(Math.hypot(a.dx, a.dy), 0.01);
      a.x = Math.min(W - PAD, Math.max(PAD, a.x + (a.dx / d) * Math.min(d, temp)));
      a.y = Math.min(H - PAD, Math.max(PAD, a.y + (a.dy / d) * Math.min(d, temp)));
    }
  }

  const maxEvents = Math.max(...nodes.map((n) => n.events));
  const radius = (n) => 7 + 18 * Math.sqrt(n.events / maxEvents);
  const maxEdge = Math.max(...edges.map((e) => e.events));

  const defs = svg("defs");
  for (const [tone, colour] of Object.entries(TONES)) {
    const marker = svg("marker", { id: "arrow-" + tone, viewBox: "0 0 10 10", refX: "9", refY: "5",
                                   markerWidth: "11", markerHeight: "11", markerUnits: "userSpaceOnUse",
                                   orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }));
    defs.appendChild(marker);
  }
  root.appendChild(defs);

  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  root.appendChild(edgeLayer);
  root.appendChild(nodeLayer);
  const pairs = new Set(edges.map((e) => e.source + "\u0000" + e.target));

  for (const e of edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 0.01);
    const ux = dx / d, uy = dy / d;
    const x1 = a.x + ux * radius(a), y1 = a.y + uy * radius(a);
    const x2 = b.x - ux * (radius(b) + 3), y2 = b.y - uy * (radius(b) + 3);
    // Bend the edge when the reverse edge exists, so both directions stay visible.
    const bend = pairs.has(e.target + "\u0000" + e.source) ? 22 : 0;
    const mx = (x1 + x2) / 2 - uy * bend, my = (y1 + y2) / 2 + ux * bend;
    const path = svg("path", {
      d: `M${x1.toFixed(1)},${y1.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`,
      class: "edge tone-" + e.tone, stroke: TONES[e.tone], "stroke-width": (1.2 + 5 * Math.sqrt(e.events / maxEdge)).toFixed(2),
      "marker-end": `url(#arrow-${e.tone})`, "data-source": e.source, "data-target": e.target,
    });
    const title = svg("title");
    title.textContent = `${e.source} → ${e.target}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict)`;
    path.appendChild(title);
    edgeLayer.appendChild(path);
  }

  for (const n of nodes) {
    const g = svg("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, tabindex: "0", "data-id": n.id });
    g.appendChild(svg("circle", { r: radius(n).toFixed(1) }));
    const label = svg("text", { y: (radius(n) + 14).toFixed(1), "text-anchor": "middle" });
    label.textContent = n.label;
    g.appendChild(label);
    const title = svg("title");
    title.textContent = `${n.label}: ${n.events} events`;
    g.appendChild(title);
    g.addEventListener("mouseenter", () => focus(n.id));
    g.addEventListener("mouseleave", () => focus(null));
    g.addEventListener("focus", () => focus(n.id));
    g.addEventListener("blur", () => focus(null));
    g.addEventListener("click", () => { window.location.href = "/?actor=" + encodeURIComponent(n.id); });
    nodeLayer.appendChild(g);
  }

  function focus(id) {
    root.classList.toggle("focusing", id !== null);
    const near = new Set([id]);
    edgeLayer.querySelectorAll(".edge").forEach((p) => {
      const on = id !== null && (p.dataset.source === id || p.dataset.target === id);
      p.classList.toggle("on", on);
      if (on) { near.add(p.dataset.source); near.add(p.dataset.target); }
    });
    nodeLayer.querySelectorAll(".node").forEach((g) => g.classList.toggle("on", id !== null && near.has(g.dataset.id)));
  }
})();
