/* AUP Atlas: the search box, in the theme's search place in the header, over the Pagefind index that
 * `aup build` writes to pagefind/ (see generator/site/search.py).
 *
 * The theme's own search (lunr) is not configured, so the theme renders no search box: this script puts
 * one where the theme would, with the theme's classes (so it looks and opens like the theme's), and loads
 * pagefind/pagefind.js on first use, merging the further parts a big site's index is made in (pagefind/parts.json,
 * see generator/site/search.py) with Pagefind's mergeIndex. Only what a query needs is downloaded: Pagefind fetches the index
 * chunks for the words searched and one small fragment per result shown.
 * Result text only ever reaches the page through text nodes: Pagefind's excerpts (escaped page text with
 * <mark> around the words found) are parsed in an inert document and rebuilt from their text and marks.
 * Everything is fetched from the site itself; no inline script or handler is used (the site's CSP). */
(function () {
  "use strict";

  var FILTERS = [["school", "Any school"], ["topic", "Any topic"], ["audience", "Any audience"], ["force", "Any force"]];
  var PAGE = 5;  // results shown at first: each needs its page's fragment (a whole policy's text, ~20 KB), fetched when shown

  var el = window.AupDom.el;  // dom.js

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* the theme's config is missing: the page is at the root */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  /* an excerpt as text nodes and <mark> elements only */
  function excerpt(html) {
    var p = el("p");
    var doc = new DOMParser().parseFromString("<body>" + (html || ""), "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") p.appendChild(el("mark", { text: node.textContent }));
      else p.appendChild(document.createTextNode(node.textContent));
    });
    return p;
  }

  var MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var BACK = "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z";

  function icon(d) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", d || MAGNIFY);
    svg.appendChild(path);
    return svg;
  }

  function mount(header) {
    var toggle = document.getElementById("__search");  // the theme's open/closed state of its search
    var root = siteRoot();
    var input = el("input", { type: "search", className: "md-search__input aup-search-input", name: "query",
      "aria-label": "Search", placeholder: "Search", autocomplete: "off", autocapitalize: "off", spellcheck: "false" });
    var selects = {};
    var filterBar = el("div", { className: "aup-search-filters-bar", hidden: "" });
    FILTERS.forEach(function (f) {
      selects[f[0]] = el("select", { "aria-label": f[1].replace("Any ", "Filter by "), "data-filter": f[0] }, el("option", { value: "", text: f[1] }));
      filterBar.appendChild(selects[f[0]]);
    });
    var meta = el("div", { className: "md-search-result__meta", role: "status", "aria-live": "polite", text: "Type to search the policies, topics and guide" });
    var list = el("ol", { className: "md-search-result__list", role: "presentation" });
    var more = el("button", { type: "button", className: "md-button aup-search-more", hidden: "", text: "More results" });
    var box = el("div", { className: "md-search aup-search", role: "dialog", "aria-label": "Search" },
      el("label", { className: "md-search__overlay", for: "__search" }),
      el("div", { className: "md-search__inner", role: "search" },
        el("form", { className: "md-search__form", name: "search" }, input,
          // as the theme's: the magnifier on a wide screen, a back arrow (closing the search) on a narrow one
          el("label", { className: "md-search__icon md-icon", for: "__search", title: "Search" }, icon(MAGNIFY), icon(BACK))),
        el("div", { className: "md-search__output" },
          el("div", { className: "md-search__scrollwrap", tabindex: "0" },
            el("div", { className: "md-search-result" }, filterBar, meta, list, more)))));
    var button = el("label", { className: "md-header__button md-icon aup-search-button", for: "__search", title: "Search" }, icon());
    var before = header.querySelector(".md-header__source");
    header.insertBefore(button, before);
    header.insertBefore(box, before);

    var pagefind = null;
    var current = null;
    var shown = 0;
    var serial = 0;

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
          var options = { baseUrl: root.pathname, excerptLength: 24 };
          var bundle = new URL("pagefind/", root);
          // a big site's index is in parts (pagefind/parts.json lists the further ones): merged into this one
          return pf.options(options).then(function () {
            return fetch(new URL("parts.json", bundle).href).then(function (r) { return r.ok ? r.json() : []; });
          }).then(function (parts) {
            return Promise.all(parts.filter(function (part) { return /^part-[0-9]+\/$/.test(part); }).map(function (part) {
              return pf.mergeIndex(new URL(part, bundle).href, options);
            }));
          }).then(function () { return pf.filters(); }).then(function (filters) {
            FILTERS.forEach(function (f) {
              Object.keys(filters[f[0]] || {}).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
                selects[f[0]].appendChild(el("option", { value: value, text: value + " (" + filters[f[0]][value] + ")" }));
              });
            });
            filterBar.hidden = false;
            return pf;
          });
        });
      }
      return pagefind;
    }

    function chosen() {
      var filters = {};
      FILTERS.forEach(function (f) { if (selects[f[0]].value) filters[f[0]] = selects[f[0]].value; });
      return filters;
    }

    function item(data) {
      var title = (data.meta && data.meta.title) || data.url;
      var sections = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title && s.title !== title; }).slice(0, 3);
      // the page's excerpt is its best section's: shown under the title only when no section is listed
      var li = el("li", { className: "md-search-result__item" },
        el("a", { href: data.url, className: "md-search-result__link", tabindex: "-1" },
          el("article", { className: "md-search-result__article md-typeset" },
            el("h1", { text: title }), sections.length ? null : excerpt(data.excerpt))));
      sections.forEach(function (s) {
        li.appendChild(el("a", { href: s.url, className: "md-search-result__link", tabindex: "-1" },
          el("article", { className: "md-search-result__article md-typeset" }, el("h2", { text: s.title }), excerpt(s.excerpt))));
      });
      return li;
    }

    function showMore() {
      var mine = serial;
      var batch = current.results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== serial) return;
        datas.forEach(function (d) { list.appendChild(item(d)); });
        more.hidden = shown >= current.results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++serial;
      if (!query) {
        list.textContent = "";
        more.hidden = true;
        meta.textContent = "Type to search the policies, topics and guide";
        return;
      }
      load().then(function (pf) {
        return pf.debouncedSearch(query, { filters: chosen() }, 150);
      }).then(function (search) {
        if (search === null || mine !== serial) return;  // a later keystroke replaced this search
        current = search;
        shown = 0;
        list.textContent = "";
        var n = search.results.length;
        meta.textContent = n === 0 ? "No matching pages" : n === 1 ? "1 matching page" : n + " matching pages";
        return showMore();
      }).catch(function (err) {
        meta.textContent = "Search is unavailable: " + err.message;
      });
    }

    input.addEventListener("focus", function () { toggle.checked = true; load(); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { toggle.checked = false; input.blur(); }
      if (e.key === "Enter") e.preventDefault();
    });
    FILTERS.forEach(function (f) { selects[f[0]].addEventListener("change", run); });
    more.addEventListener("click", showMore);
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((e.target && e.target.tagName) || "");
      if (!typing && (e.key === "/" || e.key === "s") && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        toggle.checked = true;
        input.focus();
      }
    });
  }

  var header = document.querySelector(".md-header__inner");
  if (header && document.getElementById("__search") && !header.querySelector(".aup-search")) mount(header);
})();
