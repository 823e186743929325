/* AUP Atlas policy builder: tick clauses, fill in the school's names and dates, download a recipe for
 * `aup tailor` and a Markdown preview. Runs entirely in the browser. Policy text only reaches the page
 * through text nodes (textContent, never innerHTML) and no inline handlers are used (CSP-friendly). */
(function () {
  "use strict";

  var root = document.getElementById("aup-builder");
  if (!root) return;
  var form = document.getElementById("aup-builder-form");
  var topicsBox = document.getElementById("aup-builder-topics");
  var namesBox = document.getElementById("aup-builder-name-list");
  var preview = document.getElementById("aup-builder-preview");
  var count = document.getElementById("aup-builder-count");
  var data = null;
  var byRef = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function q(text) { return JSON.stringify(String(text)); } // a JSON string is a valid YAML scalar

  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? String(field.value || "").trim() : "";
  }

  function chosen() {
    var out = [];
    data.topics.forEach(function (topic) {
      var refs = [];
      topicsBox.querySelectorAll('input[data-topic="' + topic.id + '"]:checked').forEach(function (box) {
        refs.push(byRef[box.value]);
      });
      if (refs.length) out.push({ topic: topic, clauses: refs });
    });
    return out;
  }

  function detectedNames(sections) {
    var names = {};
    sections.forEach(function (s) {
      s.clauses.forEach(function (c) {
        c.names.forEach(function (pair) { if (!(pair[0] in names)) names[pair[0]] = pair[1]; });
      });
    });
    return names;
  }

  function renderNames(sections) {
    var wanted = detectedNames(sections);
    var existing = {};
    namesBox.querySelectorAll("input").forEach(function (input) { existing[input.getAttribute("data-name")] = input; });
    Object.keys(existing).forEach(function (name) {
      if (!(name in wanted)) existing[name].parentNode.remove();
    });
    Object.keys(wanted).sort().forEach(function (name) {
      if (name in existing) return;
      var input = el("input", { type: "text", "data-name": name, value: wanted[name] });
      input.addEventListener("input", update);
      namesBox.appendChild(el("label", { className: "aup-builder-name" }, [el("span", { text: name }), " \u2192 ", input]));
    });
  }

  function nameMap() {
    var map = {};
    namesBox.querySelectorAll("input").forEach(function (input) {
      map[input.getAttribute("data-name")] = input.value.trim() || input.getAttribute("data-name");
    });
    return map;
  }

  function people() {
    var out = {};
    data.people.forEach(function (pair) { out[pair[0]] = value("people." + pair[0]); });
    return out;
  }

  function recipeYaml() {
    var sections = chosen();
    var lines = ["# Made with the AUP Atlas builder; build it with: aup tailor recipe.yaml", "recipe: 1",
      "title: " + q(value("title") || "Acceptable Use Policy"), "school:", "  name: " + q(value("school.name")),
      "  address: " + q(value("school.address")), "people:"];
    var ppl = people();
    Object.keys(ppl).forEach(function (key) { lines.push("  " + key + ": " + q(ppl[key])); });
    lines.push("version: " + q(value("version")), "adopted: " + q(value("adopted")), "review_due: " + q(value("review_due")));
    lines.push("topics:" + (sections.length ? "" : " {}"));
    sections.forEach(function (s) {
      lines.push("  " + s.topic.id + ":");
      s.clauses.forEach(function (c) {
        lines.push(c.family ? "    - family: " + q(c.family) : "    - " + q(c.ref));
      });
    });
    var names = nameMap();
    var keys = Object.keys(names).sort();
    lines.push("names:" + (keys.length ? "" : " {}"));
    keys.forEach(function (name) { lines.push("  " + q(name) + ": " + q(names[name])); });
    lines.push("declaration:", "  wording:");
    value("declaration").split(/\n\s*\n/).forEach(function (para) {
      if (para.trim()) lines.push("    - " + q(para.replace(/\s+/g, " ").trim()));
    });
    return lines.join("\n") + "\n";
  }

  function fill(text, values) {
    return text.replace(/\{([a-z][a-z0-9_]*)\}/g, function (all, key) { return values[key] || all; });
  }

  function replaceNames(text, names, values) {
    var keys = Object.keys(names).sort(function (a, b) { return b.length - a.length; });
    var i = 0;
    var out = "";
    while (i < text.length) { // one pass, longest name first; replacements are not re-read
      var hit = null;
      for (var k = 0; k < keys.length; k++) {
        if (text.substr(i, keys[k].length) === keys[k]) { hit = keys[k]; break; }
      }
      if (hit) { out += fill(names[hit], values); i += hit.length; } else { out += text[i]; i += 1; }
    }
    return out;
  }

  function markdown() {
    var values = people();
    values.school = value("school.name");
    values.title = value("title") || "Acceptable Use Policy";
    values.version = value("version");
    values.adopted = value("adopted");
    values.review_due = value("review_due");
    var names = nameMap();
    var lines = ["# " + values.title, "", "**" + (values.school || "(school name)") + "**", "",
      "| | |", "|---|---|", "| Adopted | " + values.adopted + " |", "| Review due | " + values.review_due + " |",
      "| Version | " + values.version + " |"];
    chosen().forEach(function (s, n) {
      lines.push("", "## " + (n + 1) + ". " + s.topic.title);
      s.clauses.forEach(function (c, i) {
        lines.push("", "**" + (n + 1) + "." + (i + 1) + "** " + replaceNames(c.text, names, values).replace(/\s+/g, " "));
      });
    });
    lines.push("", "## Declaration", "", fill(value("declaration"), values).replace(/\s+/g, " "));
    return lines.join("\n") + "\n";
  }

  function update() {
    if (!data) return;
    var sections = chosen();
    renderNames(sections);
    var n = sections.reduce(function (sum, s) { return sum + s.clauses.length; }, 0);
    count.textContent = n + " clause" + (n === 1 ? "" : "s") + " chosen";
    preview.textContent = markdown();
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function renderTopics() {
    data.topics.forEach(function (topic) {
      var list = el("ul", { className: "aup-builder-clauses" });
      topic.clauses.forEach(function (c) {
        byRef[c.ref] = c;
        var attrs = { type: "checkbox", value: c.ref, "data-topic": topic.id };
        if (c.family) attrs["data-family"] = c.family;
        var box = el("input", attrs);
        box.addEventListener("change", update);
        var meta = c.family ? "shared by " + c.shared + " schools" : c.school;
        var badge = el("span", { className: "aup-force aup-f-" + (c.force || "statement"), text: c.badge || "statement" });
        list.appendChild(el("li", {}, [el("label", {}, [box, " ", badge, " ", el("span", { className: "aup-builder-text", text: c.text }),
          " ", el("small", { className: "aup-builder-meta", text: "(" + meta + ")" })])]));
      });
      var details = el("details", { className: "aup-builder-topic", "data-topic": topic.id },
        [el("summary", { text: topic.title + " (" + topic.clauses.length + ")" }), list]);
      topicsBox.appendChild(details);
    });
  }

  form.addEventListener("input", update);
  document.getElementById("aup-download-recipe").addEventListener("click", function () {
    download("recipe.yaml", recipeYaml(), "application/yaml");
  });
  document.getElementById("aup-download-markdown").addEventListener("click", function () {
    download("policy-preview.md", markdown(), "text/markdown");
  });
  fetch(root.getAttribute("data-clauses")).then(function (r) {
    if (!r.ok) throw new Error("clauses.json: " + r.status);
    return r.json();
  }).then(function (json) {
    data = json;
    renderTopics();
    update();
  }).catch(function (err) {
    preview.textContent = "The clauses could not be loaded: " + err.message;
  });
})();
