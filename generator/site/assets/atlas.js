/* AUP Atlas: topic page filters and column picker, and the compare view.
 * Policy text only ever reaches the page through text nodes (never innerHTML), and no inline handlers
 * are used, so a strict Content-Security-Policy can be added. */
(function () {
  "use strict";

  var cache = {};

  var el = window.AupDom.el;  // dom.js

  function fetchJson(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  function gap(text) {
    return el("span", { className: "aup-gap", text: text });
  }

  /* -- word differences (ops equal / insert / delete), as generator.families.word_diff ------------- */
  var TOKENS = /\s+|[\p{L}\p{N}_'\u2019-]+|[^\p{L}\p{N}_\s]/gu;

  function wordDiff(a, b) {
    var x = a.match(TOKENS) || [], y = b.match(TOKENS) || [];
    var n = x.length, m = y.length;
    if (n * m > 400000) return [["delete", a], ["insert", b]];
    var w = m + 1, table = new Uint32Array((n + 1) * w);
    for (var i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        table[i * w + j] = x[i] === y[j] ? table[(i + 1) * w + j + 1] + 1
          : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
      }
    }
    var out = [];
    function push(op, text) {
      if (out.length && out[out.length - 1][0] === op) out[out.length - 1][1] += text;
      else out.push([op, text]);
    }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { push("equal", x[i]); i++; j++; }
      else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) { push("delete", x[i]); i++; }
      else { push("insert", y[j]); j++; }
    }
    while (i < n) push("delete", x[i++]);
    while (j < m) push("insert", y[j++]);
    return out;
  }

  /* The text of a diff as one side sees it: "old" keeps deletions, "new" keeps insertions. */
  function diffNodes(diff, side) {
    var span = el("span", { className: "aup-text" });
    diff.forEach(function (part) {
      var op = part[0], text = part[1];
      if (op === "equal") span.appendChild(document.createTextNode(text));
      else if (op === "insert" && side !== "old") span.appendChild(el("ins", { text: text }));
      else if (op === "delete" && side !== "new") span.appendChild(el("del", { text: text }));
    });
    return span;
  }

  /* How a modality reads on a badge: text, never colour alone (as generator.model.MODALITY_LABELS). */
  var MODALITY_LABELS = { "must": "must", "must-not": "must not", "should": "should", "should-not": "should not",
                          "may": "may", "will": "will (pledge)", "will-not": "will not (pledge)", "info": "statement" };

  function forceBadge(clause) {
    var force = clause.force || "statement", modality = clause.modality || "info";
    return el("span", { className: "aup-force aup-f-" + force, title: force.charAt(0).toUpperCase() + force.slice(1),
                        text: MODALITY_LABELS[modality] || modality });
  }

  function clauseDiv(root, doc, clause, body, extra, note) {
    var href = root + doc.url + "#c-" + clause.id;
    var audience = (clause.audience && clause.audience.length) ? clause.audience.join(" ") : "unspecified";
    return el("div", { className: "aup-clause" + (extra || ""), "data-modality": clause.modality || "unspecified",
                       "data-force": clause.force || "statement", "data-audience": audience },
      note || null,
      el("a", { className: "aup-label", href: href, title: "Open in the policy", text: clause.label || "\u00b6" }),
      " ", forceBadge(clause), " ",
      clause.lead_in ? el("span", { className: "aup-lead-in", text: clause.lead_in }) : null,
      clause.lead_in ? " " : null, body);
  }

  /* -- topic pages ------------------------------------------------------------------------------ */
  function checkedValues(box) {
    return Array.prototype.map.call(box.querySelectorAll("input:checked"), function (i) { return i.value; });
  }

  /* The filters' state lives in the query string (?audience=staff,pupils&force=prohibition), so a filtered
   * view can be bookmarked and shared; an untouched filter is left out. */
  function writeFilterState(wanted, totals) {
    if (!window.history || !window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    Object.keys(wanted).forEach(function (name) {
      if (wanted[name].length === totals[name]) params.delete(name);
      else params.set(name, wanted[name].length ? wanted[name].join(",") : "none");
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function readFilterState() {
    var params = new URLSearchParams(window.location.search);
    document.querySelectorAll(".aup-filter").forEach(function (box) {
      var value = params.get(box.getAttribute("data-filter"));
      if (value === null) return;
      var wanted = value.split(",");
      box.querySelectorAll("input").forEach(function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
    });
  }

  function applyFilters() {
    var wanted = {}, totals = {}, restricted = false;
    document.querySelectorAll(".aup-filter").forEach(function (box) {
      var all = box.querySelectorAll("input").length, values = checkedValues(box), name = box.getAttribute("data-filter");
      wanted[name] = values;
      totals[name] = all;
      if (values.length < all) restricted = true;
    });
    var shown = 0, total = 0;
    document.querySelectorAll(".aup-families .aup-clause, .aup-loose .aup-clause").forEach(function (node) {
      var ok = true;
      if (wanted.force) ok = wanted.force.indexOf(node.getAttribute("data-force")) >= 0;
      if (ok && wanted.audience) {
        ok = node.getAttribute("data-audience").split(" ").some(function (a) { return wanted.audience.indexOf(a) >= 0; });
      }
      node.hidden = !ok;
      if (node.classList.contains("aup-elsewhere")) return;  // stated under another topic: not one of this topic's clauses
      total += 1;
      if (ok) shown += 1;
    });
    // the count is of this topic's clauses in the columns shown; the summary above counts every document's
    var columns = document.querySelectorAll(".aup-loose .aup-loose-doc").length;
    document.querySelectorAll(".aup-families tbody tr").forEach(function (row) {
      row.hidden = restricted && !row.querySelector("td .aup-clause:not([hidden])");
    });
    var count = document.querySelector(".aup-filter-count");
    if (count) count.textContent = shown + " of " + total + " clause" + (total === 1 ? "" : "s") + " on this topic in the " +
      columns + " column" + (columns === 1 ? "" : "s") + " shown match";
    var nothing = document.querySelector(".aup-nothing");
    if (nothing) nothing.hidden = shown > 0;
    writeFilterState(wanted, totals);
  }

  /* "Stated under <topic>": the note on a clause shown in a row though its school states the rule under another topic
   * (as generator.site.topics._under); topics are [id, title, url from the site root] (SiteData.topics_json). */
  function underNote(root, clause, topics) {
    var id = clause.topics[0], topic = topics.filter(function (t) { return t[0] === id; })[0];
    var where = topic ? el("a", { href: root + topic[2], text: topic[1] }) : (id ? "another topic" : "no topic");
    return el("span", { className: "aup-under", "data-pagefind-ignore": "" }, "Stated under ", where);
  }

  function renderColumns(topicBox, picks, docs) {
    var root = topicBox.getAttribute("data-root"), topic = topicBox.getAttribute("data-topic");
    var topics = JSON.parse(topicBox.getAttribute("data-topics") || "[]");
    var table = document.querySelector(".aup-families");
    var families = {};
    if (table) {
      var headRow = table.tHead.rows[0];
      while (headRow.cells.length > 1) headRow.deleteCell(1);
      table.tBodies[0].querySelectorAll("tr").forEach(function (row) {
        families[row.getAttribute("data-family")] = row;
        while (row.cells.length > 1) row.deleteCell(1);
      });
    }
    var loose = document.querySelector(".aup-loose");
    if (loose) loose.textContent = "";
    docs.forEach(function (doc) {
      var says = doc.clauses.some(function (c) { return c.topics.indexOf(topic) >= 0; });
      if (table) {
        table.tHead.rows[0].appendChild(el("th", { className: "aup-doc-col" + (says ? "" : " aup-gap-col"), "data-doc": doc.id },
          el("a", { href: root + doc.url, text: doc.name || doc.school || doc.title })));
        Object.keys(families).forEach(function (fid) {
          var cell = el("td", { "data-doc": doc.id }), under = [];
          doc.clauses.forEach(function (c) {
            if (c.family !== fid) return;
            if (c.topics.indexOf(topic) < 0) { under.push(c); return; }  // a member on another topic only is not counted here
            cell.appendChild(c.representative ? clauseDiv(root, doc, c, el("span", { className: "aup-text", text: c.text }), " aup-rep-member")
                                              : clauseDiv(root, doc, c, diffNodes(c.diff || [["equal", c.text]], "both")));
          });
          if (!cell.firstChild) {  // the school states the rule under another topic only: shown, marked, not a gap
            under.forEach(function (c) {
              cell.appendChild(clauseDiv(root, doc, c, diffNodes(c.diff || [["equal", c.text]], "both"), " aup-elsewhere",
                                         underNote(root, c, topics)));
            });
          }
          if (!cell.firstChild) cell.appendChild(gap(says ? "\u2014" : "says nothing on this topic"));
          families[fid].appendChild(cell);
        });
      }
      if (loose) {
        var section = el("section", { className: "aup-loose-doc", "data-doc": doc.id }, el("h3", { text: doc.name || doc.school || doc.title }));
        doc.clauses.forEach(function (c) {
          if (c.topics.indexOf(topic) >= 0 && !(c.family && families[c.family])) {
            section.appendChild(clauseDiv(root, doc, c, el("span", { className: "aup-text", text: c.text })));
          }
        });
        if (section.childNodes.length === 1) section.appendChild(gap(says ? "every clause is in a family above" : "says nothing on this topic"));
        loose.appendChild(section);
      }
    });
    var count = document.querySelector(".aup-picked");
    if (count) count.textContent = String(picks.length);
    applyFilters();
  }

  function initTopic(topicBox) {
    document.querySelectorAll(".aup-filter").forEach(function (box) { box.addEventListener("change", applyFilters); });
    readFilterState();
    applyFilters();
    var picker = topicBox.querySelector(".aup-picker");
    if (!picker) return;
    picker.addEventListener("change", function () {
      var picks = Array.prototype.filter.call(picker.querySelectorAll("input"), function (i) { return i.checked; });
      Promise.all(picks.map(function (i) { return fetchJson(i.getAttribute("data-json")); }))
        .then(function (docs) { renderColumns(topicBox, picks, docs); })
        .catch(function (err) { console.warn("AUP Atlas: cannot load a document", err); });
    });
  }

  /* -- compare view ----------------------------------------------------------------------------- */
  function compareCell(root, doc, clauses, diff, side) {
    var cell = el("td", { "data-doc": doc.id });
    clauses.forEach(function (c, k) {
      var body = (k === 0 && diff) ? diffNodes(diff, side) : el("span", { className: "aup-text", text: c.text });
      cell.appendChild(clauseDiv(root, doc, c, body));
    });
    return cell;
  }

  /* The words of a clause, as a set (lower case). */
  function wordSet(text) {
    var set = {};
    (text.toLowerCase().match(/[a-z0-9]+/g) || []).forEach(function (w) { set[w] = true; });
    return set;
  }

  /* How alike two wordings are: the share of their distinct words they have in common (Dice). */
  function likeness(x, y) {
    var a = wordSet(x), b = wordSet(y), na = Object.keys(a).length, nb = Object.keys(b).length, both = 0;
    Object.keys(a).forEach(function (w) { if (b[w]) both += 1; });
    return na + nb ? 2 * both / (na + nb) : 0;
  }

  /* A family can hold two clauses of one school: the two wordings most alike lead their cells (and are the ones
   * compared word by word); the rest follow in reading order. Changes both lists in place. */
  function closestFirst(xs, ys) {
    var best = [0, 0], top = -1;
    xs.forEach(function (x, i) {
      ys.forEach(function (y, j) {
        var score = likeness(x.text, y.text);
        if (score > top) { top = score; best = [i, j]; }
      });
    });
    xs.unshift(xs.splice(best[0], 1)[0]);
    ys.unshift(ys.splice(best[1], 1)[0]);
  }

  function renderCompare(box, a, b) {
    var root = box.getAttribute("data-root");
    var topics = JSON.parse(box.getAttribute("data-topics") || "[]");
    var out = box.querySelector(".aup-compare-out");
    out.textContent = "";
    var head = function () {
      return el("thead", {}, el("tr", {}, el("th", { text: "" }),
        el("th", {}, el("a", { href: root + a.url, text: a.name || a.school || a.title })),
        el("th", {}, el("a", { href: root + b.url, text: b.name || b.school || b.title }))));
    };
    var byFamily = function (doc) {
      var map = {};
      doc.clauses.forEach(function (c) { if (c.family) (map[c.family] = map[c.family] || []).push(c); });
      return map;
    };
    var fa = byFamily(a), fb = byFamily(b), shared = {};
    var familyRows = el("tbody");
    // rows in the taxonomy's order of their topics, so that the rules of one topic (or pair of topics) stand together
    var order = topics.map(function (x) { return x[0]; });
    var rank = function (fid) {
      return fa[fid][0].topics.map(function (id) { var i = order.indexOf(id); return i < 0 ? order.length : i; });
    };
    var byTopics = function (x, y) {
      var rx = rank(x), ry = rank(y);
      for (var k = 0; k < Math.min(rx.length, ry.length); k++) if (rx[k] !== ry[k]) return rx[k] - ry[k];
      return rx.length - ry.length || (x < y ? -1 : x > y ? 1 : 0);
    };
    Object.keys(fa).filter(function (fid) { return fb[fid]; }).sort(byTopics).forEach(function (fid) {
      shared[fid] = true;
      closestFirst(fa[fid], fb[fid]);
      var diff = wordDiff(fa[fid][0].text, fb[fid][0].text);
      var titles = fa[fid][0].topics.map(function (id) {
        var t = topics.filter(function (x) { return x[0] === id; })[0];
        return t ? t[1] : id;
      });
      familyRows.appendChild(el("tr", { "data-family": fid }, el("th", { text: titles.join(", ") || "Same rule" }),
        compareCell(root, a, fa[fid], diff, "old"), compareCell(root, b, fb[fid], diff, "new")));
    });
    out.appendChild(el("h2", { text: "The same rule in both (" + familyRows.rows.length + ")" }));
    if (familyRows.rows.length) out.appendChild(el("div", { className: "aup-table-wrap" }, el("table", { className: "aup-compare-table aup-compare-families" }, head(), familyRows)));
    else out.appendChild(el("p", { text: "No clause family has a member in both policies." }));

    var topicRows = el("tbody");
    topics.forEach(function (t) {
      var pick = function (doc) {
        return doc.clauses.filter(function (c) { return c.topics.indexOf(t[0]) >= 0 && !(c.family && shared[c.family]); });
      };
      var says = function (doc) { return doc.clauses.some(function (c) { return c.topics.indexOf(t[0]) >= 0; }); };
      var ca = pick(a), cb = pick(b);
      if (!ca.length && !cb.length) return;
      var cell = function (doc, clauses) {
        if (clauses.length) return compareCell(root, doc, clauses, null, "both");
        return el("td", { "data-doc": doc.id }, gap(says(doc) ? "nothing beyond the shared rules above" : "says nothing on this topic"));
      };
      topicRows.appendChild(el("tr", { "data-topic": t[0] },
        el("th", {}, el("a", { href: root + t[2], text: t[1] })), cell(a, ca), cell(b, cb)));
    });
    out.appendChild(el("h2", { text: "By topic" }));
    if (topicRows.rows.length) out.appendChild(el("div", { className: "aup-table-wrap" }, el("table", { className: "aup-compare-table aup-compare-topics" }, head(), topicRows)));
    else out.appendChild(el("p", { text: "Neither policy has clauses tagged with a topic outside the shared rules." }));

    var untagged = function (doc) { return doc.clauses.filter(function (c) { return !c.topics.length && !(c.family && shared[c.family]); }); };
    var ua = untagged(a), ub = untagged(b);
    if (ua.length || ub.length) {
      out.appendChild(el("details", { className: "aup-untagged" },
        el("summary", { text: "Clauses on no topic (" + ua.length + " and " + ub.length + ")" }),
        el("div", { className: "aup-table-wrap" }, el("table", { className: "aup-compare-table" }, head(),
          el("tbody", {}, el("tr", {}, el("th", { text: "" }), compareCell(root, a, ua, null, "both"), compareCell(root, b, ub, null, "both")))))));
    }
  }

  function initCompare(box) {
    var selA = box.querySelector(".aup-compare-a"), selB = box.querySelector(".aup-compare-b");
    if (!selA || !selB) return;
    var params = new URLSearchParams(location.hash.slice(1));
    var set = function (select, value) {
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
    };
    set(selA, params.get("a"));
    set(selB, params.get("b"));
    if (selA.value === selB.value && selA.options.length > 1) {
      selB.selectedIndex = selA.selectedIndex === 0 ? 1 : 0;
    }
    var update = function () {
      var url = function (select) { return select.options[select.selectedIndex].getAttribute("data-json"); };
      history.replaceState(null, "", "#a=" + encodeURIComponent(selA.value) + "&b=" + encodeURIComponent(selB.value));
      Promise.all([fetchJson(url(selA)), fetchJson(url(selB))])
        .then(function (docs) { renderCompare(box, docs[0], docs[1]); })
        .catch(function (err) { console.warn("AUP Atlas: cannot load a document", err); });
    };
    selA.addEventListener("change", update);
    selB.addEventListener("change", update);
    update();
  }

  /* Skip links are written beside what they skip to; move them to the start of the tab order, after the theme's own. */
  function hoistSkipLinks() {
    var after = document.querySelector(".md-skip");
    Array.prototype.forEach.call(document.querySelectorAll(".md-content .aup-skip"), function (link) {
      if (after && after.parentNode) after.parentNode.insertBefore(link, after.nextSibling);
      else document.body.insertBefore(link, document.body.firstChild);
      after = link;
    });
  }

  /* The theme's search dialog has no accessible name: give it one (whatever search the site uses). */
  function nameDialogs() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]"), function (dialog) {
      if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) dialog.setAttribute("aria-label", "Search the site");
    });
  }

  function init() {
    hoistSkipLinks();
    nameDialogs();
    var topicBox = document.querySelector(".aup-topic");
    if (topicBox) initTopic(topicBox);
    var compareBox = document.querySelector(".aup-compare");
    if (compareBox) initCompare(compareBox);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  window.aupAtlas = { wordDiff: wordDiff };
})();
