/* eventwire: shared helpers. Untrusted text only ever goes in through textContent. */
"use strict";
(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";

  /** An element with attributes and (escaped) text content. */
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** An SVG element with attributes. */
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  /** JSON embedded in a <script type="application/json"> block. */
  function data(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  window.ew = { el, svg, data };
})();
