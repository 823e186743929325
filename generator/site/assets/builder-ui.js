/* AUP Atlas builder page: the school's workspace. Sections and clauses in order (move with buttons, by
 * keyboard too), search across every topic, own wording, the school's values checked as you type by the
 * recipe rules (builder-rules.js), and the downloads. Policy text only reaches the page through text nodes
 * (textContent, never innerHTML) and no inline handlers are used (CSP). */
(function () {
  "use strict";

  var root = document.getElementById("aup-builder");
  if (!root) return;
  var S = window.AupStore, R = window.AupRules, P = window.AupPolicy;
  var $ = function (id) { return document.getElementById(id); };
  var forms = [$("aup-builder-form"), $("aup-builder-more")];
  var data = null, schema = null, state = S.load(), titles = {}, rowOf = new Map();

  var el = window.AupDom.el;  // dom.js

  function button(label, onClick, attrs) {
    var b = el("button", Object.assign({ type: "button", className: "aup-small", text: label }, attrs || {}));
    b.addEventListener("click", onClick);
    return b;
  }

  function save() { S.save(state); }

  /* Keys read back from a recipe or a topic page's loose clause may name a family member: offer its family. A bare
   * lead-in ("Staff must not:", chosen before lead-ins were added as their items, or read from a recipe) becomes
   * its items not chosen yet, in its place; one without items is dropped: alone it says nothing. */
  function normalise() {
    state.sections.forEach(function (s) {
      s.items.forEach(function (item) { if (item.key && !data.clauses[item.key] && data.alias[item.key]) item.key = data.alias[item.key]; });
    });
    state.sections.forEach(function (s) {
      var items = [];
      s.items.forEach(function (item) {
        var c = item.key ? data.clauses[item.key] : null;
        if (!c || !c.intro) { items.push(item); return; }
        (c.items || []).forEach(function (k) {
          k = data.clauses[k] ? k : (data.alias[k] || k);
          if (!S.has(state, k) && !items.some(function (i) { return i.key === k; })) items.push({ key: k });
        });
      });
      s.items = items;
    });
  }

  /* -- the school's values -------------------------------------------------------------------------------- */
  function fillForms() {
    forms[0].querySelectorAll("input[name], textarea[name]").forEach(function (f) {
      if (f.name in state.fields) f.value = state.fields[f.name];
      else state.fields[f.name] = f.defaultValue; // the title and version the page suggests count as filled in
    });
    forms[1].elements.namedItem("declaration").value = R.declarationText(state, data);
  }

  function onField(event) {
    var f = event.target;
    if (!f.name) return;
    if (f.name === "declaration") state.declaration = f.value;
    else if (f.hasAttribute("data-name")) state.names[f.getAttribute("data-name")] = f.value;
    else state.fields[f.name] = f.value;
    save();
    check();
  }

  function renderNames() {
    var box = $("aup-builder-name-list"), detected = R.detectedNames(state, data);
    box.textContent = "";
    var names = Object.keys(detected).sort();
    $("aup-builder-names").hidden = !names.length;
    names.forEach(function (name) {
      var input = el("input", { type: "text", name: "names." + name, "data-name": name, autocomplete: "off" });
      input.value = name in state.names ? state.names[name] : detected[name];
      box.appendChild(el("label", { className: "aup-builder-name" }, el("span", { text: name }), " \u2192 ", input));
    });
  }

  /* -- the policy: sections and clauses --------------------------------------------------------------------- */
  function move(list, i, by) {
    var j = i + by;
    if (j < 0 || j >= list.length) return false;
    var item = list.splice(i, 1)[0];
    list.splice(j, 0, item);
    return true;
  }

  function changed(focus) {
    save();
    renderPolicy();
    if (focus) {
      var target = document.querySelector(focus);
      if (target) target.focus();
    }
  }

  /* A borrowed clause's words, under the lead-in `aup tailor` prints it below ("Staff must not:"). */
  function clauseText(c) {
    return el("span", { className: "aup-builder-text" }, c.lead ? el("span", { className: "aup-lead", text: c.lead[1] }) : null,
      c.lead ? " " : null, c.text);
  }

  function clauseRow(section, s, item, i) {
    var c = item.key ? R.clauseOf(data, item.key) : null, meta = null;
    var li = el("li", { className: "aup-item", "data-key": item.key || "", id: "aup-item-" + s + "-" + i });
    li.appendChild(el("span", { className: "aup-num", text: (s + 1) + "." + (i + 1) }));
    if (item.key) {
      li.appendChild(el("span", { className: "aup-force aup-f-" + (c ? c.force : "statement"), text: c ? c.badge : "?" }));
      li.appendChild(c ? clauseText(c) : el("span", { className: "aup-builder-text", text: item.key }));
      var meta = el("small", { className: "aup-builder-meta", text: c ? (c.family ? "shared by " + c.shared + " schools" : c.school) : "not in this site's corpus" });
    } else {
      var area = el("textarea", { rows: "2", className: "aup-own", "aria-label": "Your own clause " + (s + 1) + "." + (i + 1) });
      area.value = item.text;
      area.addEventListener("input", function () { item.text = area.value; save(); check(); });
      li.appendChild(el("span", { className: "aup-own-label", text: "own" }));
      li.appendChild(area);
      meta = el("small", { className: "aup-builder-meta", text: "your own wording: {school}, {headteacher} ... are filled in" });
    }
    var tools = el("span", { className: "aup-tools" });
    var label = " clause " + (s + 1) + "." + (i + 1);
    tools.appendChild(button("\u2191", function () { if (move(section.items, i, -1)) changed("#aup-item-" + s + "-" + (i - 1) + " .aup-up"); },
      { className: "aup-small aup-up", "aria-label": "Move" + label + " up", title: "Move up" }));
    tools.appendChild(button("\u2193", function () { if (move(section.items, i, 1)) changed("#aup-item-" + s + "-" + (i + 1) + " .aup-down"); },
      { className: "aup-small aup-down", "aria-label": "Move" + label + " down", title: "Move down" }));
    tools.appendChild(button("Remove", function () { section.items.splice(i, 1); changed(); },
      { className: "aup-small aup-remove", "aria-label": "Remove" + label }));
    li.appendChild(el("div", { className: "aup-item-foot" }, meta, tools));
    if (c && c.names.length) {
      li.appendChild(el("p", { className: "aup-names-note", text: "Names " + c.names.map(function (n) { return n[0]; }).join(", ") +
        " (another school's): replaced as set under \u201cNames in the chosen clauses\u201d" }));
    }
    rowOf.set(item, li);
    return li;
  }

  function renderPolicy() {
    var box = $("aup-sections");
    box.textContent = "";
    rowOf = new Map();
    state.sections.forEach(function (section, s) {
      var title = titles[section.topic] || section.topic;
      var head = el("div", { className: "aup-section-head" }, el("h3", { text: (s + 1) + ". " + title }));
      var tools = el("span", { className: "aup-tools" });
      tools.appendChild(button("\u2191", function () { if (move(state.sections, s, -1)) changed("#aup-section-" + (s - 1) + " .aup-section-up"); },
        { className: "aup-small aup-section-up", "aria-label": "Move section " + title + " up", title: "Move section up" }));
      tools.appendChild(button("\u2193", function () { if (move(state.sections, s, 1)) changed("#aup-section-" + (s + 1) + " .aup-section-down"); },
        { className: "aup-small aup-section-down", "aria-label": "Move section " + title + " down", title: "Move section down" }));
      tools.appendChild(button("Remove section", function () { state.sections.splice(s, 1); changed(); },
        { className: "aup-small", "aria-label": "Remove section " + title }));
      head.appendChild(tools);
      var list = el("ol", { className: "aup-items" });
      section.items.forEach(function (item, i) { list.appendChild(clauseRow(section, s, item, i)); });
      var own = el("textarea", { rows: "2", className: "aup-own-new", "aria-label": "Your own wording for " + title,
        placeholder: "Your own wording, e.g. Report any loss of personal data at once to {data_protection_officer}." });
      var add = button("Add your own clause", function () {
        if (!own.value.trim()) { own.focus(); return; }
        section.items.push({ text: own.value.trim() });
        changed("#aup-section-" + s + " .aup-own-new");
      }, { className: "aup-small aup-own-add" });
      box.appendChild(el("li", { className: "aup-section", id: "aup-section-" + s, "data-topic": section.topic }, head, list,
        el("div", { className: "aup-own-box" }, own, add)));
    });
    var picker = $("aup-section-topic");
    picker.textContent = "";
    data.topics.forEach(function (t) {
      if (!state.sections.some(function (s) { return s.topic === t.id; })) picker.appendChild(el("option", { value: t.id, text: t.title }));
    });
    renderNames();
    refreshAddButtons();
    check();
  }

  /* -- finding clauses ------------------------------------------------------------------------------------- */
  function addKeys(key) { var c = data.clauses[key]; return c && c.items ? c.items : [key]; } // a bare lead-in: its items

  function addButton(key, topic) {
    return button("Add", function (event) {
      var b = event.currentTarget;
      if (S.addAll(state, addKeys(key), topic)) changed();
      b.focus();
    }, { className: "aup-small aup-add-clause", "data-add": key, "data-topic": topic });
  }

  function refreshAddButtons() {
    root.querySelectorAll("button[data-add]").forEach(function (b) {
      var added = S.hasAll(state, addKeys(b.getAttribute("data-add")));
      b.textContent = added ? "Added \u2713" : "Add";
      b.disabled = added;
    });
  }

  function resultRow(key) {
    var c = data.clauses[key];
    return el("li", { className: "aup-result" }, addButton(key, c.topic), " ",
      el("span", { className: "aup-force aup-f-" + c.force, text: c.badge }), " ", clauseText(c), " ",
      el("small", { className: "aup-builder-meta", text: "(" + (titles[c.topic] || c.topic) + "; " + (c.family ? "shared by " + c.shared + " schools" : c.school) + ")" }));
  }

  var searchable = null;
  function search() {
    var query = $("aup-search").value.toLowerCase().trim(), out = $("aup-search-results");
    out.textContent = "";
    if (!query) { $("aup-search-count").textContent = ""; return; }
    if (!searchable) {
      searchable = Object.keys(data.clauses).filter(function (k) {
        var c = data.clauses[k];
        return c.topic && !(c.intro && !c.items); // a lead-in without items says nothing to add
      }).map(function (k) {
        var c = data.clauses[k];
        return [k, (R.reading(c) + " " + c.school + " " + c.topics.map(function (t) { return titles[t] || t; }).join(" ")).toLowerCase()];
      });
    }
    var words = query.split(/\s+/), hits = searchable.filter(function (pair) {
      return words.every(function (w) { return pair[1].indexOf(w) >= 0; });
    });
    hits.slice(0, 40).forEach(function (pair) { out.appendChild(resultRow(pair[0])); });
    $("aup-search-count").textContent = hits.length + " clause" + (hits.length === 1 ? "" : "s") + " match" +
      (hits.length > 40 ? "; the first 40 are shown" : "");
    refreshAddButtons();
  }

  function renderTopics() {
    var box = $("aup-builder-topics");
    data.topics.forEach(function (topic) {
      if (!topic.keys.length) return;
      var list = el("ul", { className: "aup-results" });
      var details = el("details", { className: "aup-builder-topic", "data-topic": topic.id },
        el("summary", { text: topic.title + " (" + topic.keys.length + ")" }), list);
      details.addEventListener("toggle", function () {
        if (details.open && !list.firstChild) { topic.keys.forEach(function (k) { list.appendChild(resultRow(k)); }); refreshAddButtons(); }
      });
      box.appendChild(details);
    });
  }

  /* -- checks and downloads --------------------------------------------------------------------------------- */
  function check() {
    var problems = R.problems(state, data, schema), blocking = problems.filter(function (p) { return p.blocking; });
    root.querySelectorAll("[data-problem-for]").forEach(function (span) { span.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
    root.querySelectorAll(".aup-flag").forEach(function (f) { f.remove(); });
    root.querySelectorAll(".aup-flagged").forEach(function (f) { f.classList.remove("aup-flagged"); });
    var list = $("aup-problems");
    list.textContent = "";
    problems.forEach(function (p) {
      var span = root.querySelector('[data-problem-for="' + p.field + '"]');
      if (span) {
        span.textContent = p.message;
        var field = root.querySelector('[name="' + p.field + '"]');
        if (field) field.setAttribute("aria-invalid", "true");
      }
      var li = el("li", { className: p.blocking ? "aup-problem" : "aup-warning", text: (p.blocking ? "" : "Check: ") + p.message });
      list.appendChild(li);
      if (!p.item) return;
      var row = rowOf.get(p.item), flag = el("p", { className: "aup-flag " + (p.blocking ? "aup-problem" : "aup-warning"), text: p.message });
      [li, flag].forEach(function (where) {
        if (p.fix !== "remove") return;
        where.appendChild(document.createTextNode(" "));
        where.appendChild(button("Remove it", function () {
          state.sections.forEach(function (s) { var at = s.items.indexOf(p.item); if (at >= 0) s.items.splice(at, 1); });
          changed();
        }, { className: "aup-small aup-fix" }));
      });
      if (row) { row.appendChild(flag); row.classList.add("aup-flagged"); }
    });
    var n = state.sections.reduce(function (sum, s) { return sum + s.items.length; }, 0);
    $("aup-builder-count").textContent = "(" + n + " clause" + (n === 1 ? "" : "s") + " in " + state.sections.length + " section" + (state.sections.length === 1 ? "" : "s") + ")";
    var complete = $("aup-complete");
    complete.textContent = blocking.length ? blocking.length + " thing" + (blocking.length === 1 ? "" : "s") + " to fix before the policy is complete:"
      : "Complete: `aup tailor` accepts this recipe, and the downloads below are the finished policy.";
    complete.className = "aup-complete " + (blocking.length ? "aup-incomplete" : "aup-is-complete");
    root.setAttribute("data-complete", blocking.length ? "no" : "yes");
    $("aup-builder-preview").textContent = P.markdown(P.compose(state, data));
    renderRoster();
  }

  function renderRoster() {
    var out = $("aup-roster-problems"), parsed = P.parseRoster(state.roster);
    out.textContent = "";
    parsed.problems.forEach(function (m) { out.appendChild(el("li", { className: "aup-problem", text: m })); });
    $("aup-print-sheets").textContent = parsed.people.length ? "Print " + parsed.people.length + " declaration sheet" + (parsed.people.length === 1 ? "" : "s") : "Print a blank declaration sheet";
  }

  function fileName(ext) {
    var name = (R.fieldValue(state, "school.name") || "my-school").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return (name || "policy") + "-aup." + ext;
  }

  function download(name, blob) {
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function wireDownloads() {
    $("aup-download-recipe").addEventListener("click", function () {
      download("recipe.yaml", new Blob([R.yaml(R.recipe(state, data))], { type: "application/yaml" }));
    });
    $("aup-download-markdown").addEventListener("click", function () {
      download(fileName("md"), new Blob([P.markdown(P.compose(state, data))], { type: "text/markdown" }));
    });
    var word = $("aup-download-word");
    if (word) {
      word.addEventListener("click", function () {
        var started = performance.now();
        window.AupDocx.build(P.compose(state, data)).then(function (blob) {
          var ms = Math.round(performance.now() - started);
          word.setAttribute("data-ms", String(ms));
          download(fileName("docx"), blob);
        }).catch(function (err) { $("aup-complete").textContent = "The Word file could not be made: " + err.message; });
      });
    }
  }

  function startFrom(keys, what) {
    state.sections = [];
    keys.forEach(function (k) { var c = data.clauses[k]; if (c && c.topic) S.add(state, k, c.topic); });
    changed();
    $("aup-start-status").textContent = "Started from " + what + ": " + keys.length + " clauses. Your school's values are kept.";
  }

  function wireStart() {
    var pick = $("aup-start");
    data.documents.forEach(function (d) { pick.appendChild(el("option", { value: d.id, text: d.policy + " (" + d.keys.length + " clauses)" })); });
    $("aup-start-go").addEventListener("click", function () {
      var doc = data.documents.filter(function (d) { return d.id === pick.value; })[0];
      if (doc) startFrom(doc.keys, doc.policy); else startFrom(data.starter, "the starter");
    });
    $("aup-clear").addEventListener("click", function () { state.sections = []; changed(); $("aup-start-status").textContent = "The policy is empty."; });
    $("aup-load").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var got = R.fromRecipe(window.AupYaml.parse(text), data, schema);
        got.state.roster = state.roster;
        state = got.state;
        normalise();
        save();
        fillForms();
        renderPolicy();
        $("aup-start-status").textContent = "Loaded " + file.name + (got.notes.length ? "; " + got.notes.join("; ") : ".");
      }).catch(function (err) { $("aup-start-status").textContent = file.name + " could not be read: " + err.message; });
      event.target.value = "";
    });
    $("aup-section-add").addEventListener("click", function () {
      var topic = $("aup-section-topic").value;
      if (topic) { S.section(state, topic); changed("#aup-section-" + (state.sections.length - 1) + " .aup-own-new"); }
    });
    $("aup-roster").value = state.roster || "";
    $("aup-roster").addEventListener("input", function (e) { state.roster = e.target.value; save(); renderRoster(); });
    $("aup-roster-file").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      file.text().then(function (text) { $("aup-roster").value = state.roster = text; save(); renderRoster(); });
      event.target.value = "";
    });
    $("aup-search").addEventListener("input", search);
    forms.forEach(function (f) { f.addEventListener("input", onField); f.addEventListener("submit", function (e) { e.preventDefault(); }); });
    window.addEventListener("storage", function (e) { // "add to my policy" in another tab
      if (e.key === S.KEY) { state = S.load(); normalise(); renderPolicy(); }
    });
  }

  function get(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });
  }

  Promise.all([get(root.getAttribute("data-clauses")), get(root.getAttribute("data-schema"))]).then(function (got) {
    data = got[0];
    schema = got[1];
    data.topics.forEach(function (t) { titles[t.id] = t.title; });
    normalise();
    fillForms();
    wireStart();
    wireDownloads();
    renderTopics();
    renderPolicy();
    root.setAttribute("data-ready", "yes");
  }).catch(function (err) {
    $("aup-complete").textContent = "The clauses could not be loaded: " + err.message;
  });
})();
