/* AUP Atlas: the one DOM helper the site's scripts share (window.AupDom), loaded before them on every page
 * (first in mkdocs.yml's extra_javascript, and first on the builder's print page).
 * el(tag, attrs, ...children) makes an element: attrs.text sets its text (a text node, never markup),
 * attrs.className its class, attrs.on a click handler, any other key an attribute; string children
 * become text nodes. Policy text therefore never reaches the page as HTML. */
(function () {
  "use strict";

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else if (key === "on") node.addEventListener("click", attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  window.AupDom = { el: el };
})();
