/* AUP Atlas builder: the recipe a workspace makes, read back, and checked by the rules `aup tailor` applies:
 * the published recipe JSON Schema (builder/recipe.schema.json, the file `aup tailor` validates against),
 * the required values and the placeholders (from builder/clauses.json, made from generator.tailor). */
(function () {
  "use strict";

  /* -- a JSON Schema (2020-12) reader for the keywords the recipe schema uses ---------------------------- */
  function typeOf(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
  }

  function validate(schema, value, root, path) {
    root = root || schema;
    path = path || "";
    var errors = [];
    var where = path || "the recipe";
    function err(message) { errors.push({ path: path, message: where + ": " + message }); }
    if (schema.$ref) {
      var target = schema.$ref.replace(/^#\//, "").split("/").reduce(function (o, k) { return o[k]; }, root);
      return validate(target, value, root, path);
    }
    if (schema.type) {
      var types = [].concat(schema.type), t = typeOf(value);
      if (!(types.indexOf(t) >= 0 || (t === "integer" && types.indexOf("number") >= 0))) {
        err("expected " + types.join(" or ") + ", got " + t);
        return errors;
      }
    }
    if ("const" in schema && value !== schema["const"]) err("must be " + JSON.stringify(schema["const"]));
    if (schema["enum"] && schema["enum"].indexOf(value) < 0) err(JSON.stringify(value) + " is not one of " + schema["enum"].join(", "));
    if (typeof value === "string" && schema.minLength && value.length < schema.minLength) err("must not be empty");
    if (schema.oneOf) {
      var passing = schema.oneOf.filter(function (s) { return validate(s, value, root, path).length === 0; });
      if (passing.length !== 1) err("a clause is \"<document>#<clause>\", {document, clause}, {family} or {text}");
    }
    if (typeOf(value) === "object") {
      (schema.required || []).forEach(function (k) { if (!(k in value)) err("missing " + k); });
      var props = schema.properties || {};
      Object.keys(value).forEach(function (k) {
        var sub = path ? path + "." + k : k;
        if (schema.propertyNames && schema.propertyNames.pattern && !new RegExp(schema.propertyNames.pattern).test(k)) {
          errors.push({ path: sub, message: sub + ": " + JSON.stringify(k) + " is not a valid name; use lower-case words joined by '_'" });
        }
        if (k in props) errors = errors.concat(validate(props[k], value[k], root, sub));
        else if (schema.additionalProperties === false) err("unknown field " + JSON.stringify(k) + "; known fields: " + Object.keys(props).sort().join(", "));
        else if (typeof schema.additionalProperties === "object") errors = errors.concat(validate(schema.additionalProperties, value[k], root, sub));
      });
    }
    if (typeOf(value) === "array") {
      if (schema.items) value.forEach(function (v, n) { errors = errors.concat(validate(schema.items, v, root, path + "." + n)); });
      if (schema.uniqueItems) {
        var seen = {};
        value.forEach(function (v) { var j = JSON.stringify(v); if (seen[j]) err(j + " is listed twice"); seen[j] = true; });
      }
    }
    return errors;
  }

  /* -- placeholders in text the school writes, as generator.tailor.policy.fill ------------------------------ */
  var PLACEHOLDER = /(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})/g;
  var REQUIRED_VALUES = ["school", "version", "adopted", "review_due"];

  function fieldValue(state, name) { return String(state.fields[name] || "").trim(); }

  function values(state, data) {
    var out = { school: fieldValue(state, "school.name"), title: fieldValue(state, "title") || data.title,
      version: fieldValue(state, "version"), adopted: fieldValue(state, "adopted"), review_due: fieldValue(state, "review_due"),
      address: fieldValue(state, "school.address") };
    data.roles.forEach(function (r) { out[r] = ""; });
    data.people.forEach(function (p) { out[p[0]] = fieldValue(state, "people." + p[0]); });
    return out;
  }

  function placeholderProblems(text, where, vals, problems) {
    String(text).replace(PLACEHOLDER, function (all, name) {
      if (!(name in vals)) {
        problems.push({ field: where, blocking: true, message: where + ": unknown placeholder {" + name + "}; known: " + Object.keys(vals).sort().join(", ") });
      } else if (!vals[name] && REQUIRED_VALUES.indexOf(name) < 0) {
        var field = (name === "address" ? "school." : (name === "title" ? "" : "people.")) + name;
        problems.push({ field: field, blocking: true, message: where + ": {" + name + "} is used but has no value; fill in " + field });
      }
      return all;
    });
  }

  /* -- the workspace as a recipe ----------------------------------------------------------------------------- */
  function clauseOf(data, key) { return data.clauses[key] || data.clauses[data.alias[key]] || null; }

  /* A clause as a self-contained sentence: its lead-in's words in front of its own (tagging.modality.clause_reading). */
  function reading(c) { return c.lead ? c.lead[1] + " " + c.text : c.text; }

  function detectedNames(state, data) {
    var names = {};
    state.sections.forEach(function (s) {
      s.items.forEach(function (item) {
        var c = item.key ? clauseOf(data, item.key) : null;
        if (c) c.names.forEach(function (pair) { if (!(pair[0] in names)) names[pair[0]] = pair[1]; });
      });
    });
    return names;
  }

  function nameMap(state, data) {
    var detected = detectedNames(state, data), out = {};
    Object.keys(detected).sort().forEach(function (name) {
      var own = String(state.names[name] || "").trim();
      out[name] = own || detected[name];
    });
    return out;
  }

  function declarationText(state, data) {
    return state.declaration === null || state.declaration === undefined ? data.declaration : String(state.declaration);
  }

  function paragraphs(text) {
    return String(text).split(/\n\s*\n/).map(function (p) { return p.replace(/\s+/g, " ").trim(); }).filter(Boolean);
  }

  /* A chosen clause as the recipe records it: with the version of the policy it was taken from (data.versions), so
     `aup tailor --check` can report the clauses that policy has changed since; a family records the clause it gave. */
  function choice(data, item) {
    if (!item.key) return { text: item.text };
    var c = clauseOf(data, item.key), versions = data.versions || {};
    if (c && c.family && data.clauses[item.key]) {
      var rep = c.ref.split("#"), v = versions[rep[0]];
      return v ? { family: c.family, document: rep[0], clause: rep.slice(1).join("#"), version: v } : { family: c.family };
    }
    if (item.key.indexOf("#") < 0) return { family: item.key };
    var parts = item.key.split("#"), n = versions[parts[0]];
    return n ? { document: parts[0], clause: parts.slice(1).join("#"), version: n } : item.key;
  }

  function choiceYaml(c) {
    if (typeof c === "string") return q(c);
    if (c.text !== undefined) return "text: " + q(c.text);
    var keys = ["family", "document", "clause"].filter(function (k) { return c[k] !== undefined; });
    if (keys.length === 1 && c.family !== undefined) return "family: " + q(c.family);
    var parts = keys.map(function (k) { return k + ": " + q(c[k]); });
    if (c.version) parts.push("version: " + Number(c.version));
    return "{" + parts.join(", ") + "}";
  }

  function recipe(state, data) {
    var obj = { recipe: 1, title: fieldValue(state, "title") || data.title,
      school: { name: fieldValue(state, "school.name"), address: fieldValue(state, "school.address") }, people: {},
      version: fieldValue(state, "version"), adopted: fieldValue(state, "adopted"), review_due: fieldValue(state, "review_due"),
      order: [], topics: {}, names: nameMap(state, data), declaration: { wording: paragraphs(declarationText(state, data)) } };
    data.people.forEach(function (p) { obj.people[p[0]] = fieldValue(state, "people." + p[0]); });
    state.sections.forEach(function (s) {
      if (!s.items.length) return;
      obj.order.push(s.topic);
      var clauses = s.items.map(function (item) { return choice(data, item); });
      obj.topics[s.topic] = s.title ? { title: s.title, clauses: clauses } : clauses;
    });
    var extra = state.extra || {}; // kept from a loaded recipe: the page has no fields for them
    if (extra.introduction) obj.introduction = extra.introduction;
    if (extra.audiences && extra.audiences.length) obj.audiences = extra.audiences.slice();
    return obj;
  }

  function q(v) { return JSON.stringify(v); } // a JSON string is a valid YAML scalar

  function yaml(obj) {
    var lines = ["# Made with the AUP Atlas builder; build it with: aup tailor recipe.yaml", "recipe: 1", "title: " + q(obj.title),
      "school:", "  name: " + q(obj.school.name), "  address: " + q(obj.school.address), "people:"];
    Object.keys(obj.people).forEach(function (k) { lines.push("  " + k + ": " + q(obj.people[k])); });
    if (!Object.keys(obj.people).length) lines[lines.length - 1] += " {}";
    lines.push("version: " + q(obj.version), "adopted: " + q(obj.adopted), "review_due: " + q(obj.review_due));
    if (obj.audiences) lines.push("audiences: [" + obj.audiences.map(q).join(", ") + "]");
    if (obj.introduction) lines.push("introduction: " + q(obj.introduction));
    lines.push("order: [" + obj.order.map(q).join(", ") + "]");
    lines.push("topics:" + (obj.order.length ? "" : " {}"));
    obj.order.forEach(function (topic) {
      lines.push("  " + q(topic) + ":");
      var body = obj.topics[topic];
      if (!Array.isArray(body)) lines.push("    title: " + q(body.title), "    clauses:");
      (Array.isArray(body) ? body : body.clauses).forEach(function (c) {
        lines.push("    - " + choiceYaml(c));
      });
    });
    var names = Object.keys(obj.names);
    lines.push("names:" + (names.length ? "" : " {}"));
    names.forEach(function (n) { lines.push("  " + q(n) + ": " + q(obj.names[n])); });
    lines.push("declaration:", "  wording:" + (obj.declaration.wording.length ? "" : " []"));
    obj.declaration.wording.forEach(function (p) { lines.push("    - " + q(p)); });
    return lines.join("\n") + "\n";
  }

  /* Every reason `aup tailor` would refuse the recipe (blocking), and what a school should look at (not). */
  function problems(state, data, schema) {
    var out = [], obj = recipe(state, data), vals = values(state, data);
    if (schema) {
      validate(schema, obj).forEach(function (e) { out.push({ field: e.path, blocking: true, message: e.message }); });
    }
    data.required.forEach(function (pair) {
      var v = pair[0].reduce(function (o, k) { return o && typeof o === "object" ? o[k] : ""; }, obj);
      if (!String(v === null || v === undefined ? "" : v).trim()) {
        out.push({ field: pair[0].join("."), blocking: true, message: pair[0].join(".") + " is missing: fill in " + pair[1] });
      }
    });
    if (vals.adopted && vals.review_due && /^\d{4}-\d\d-\d\d$/.test(vals.adopted + "") && vals.review_due <= vals.adopted) {
      out.push({ field: "review_due", blocking: false, message: "review_due is not after the adoption date" });
    }
    var refs = {}, families = {}, texts = {}, topics = {}, count = 0;
    data.topics.forEach(function (t) { topics[t.id] = t; });
    state.sections.forEach(function (s, n) {
      if (!topics[s.topic] && s.items.length) out.push({ field: "sections", blocking: true, message: "unknown topic " + q(s.topic) + "; move its clauses or remove it" });
      s.items.forEach(function (item, i) {
        count++;
        var where = (n + 1) + "." + (i + 1);
        if (item.text !== undefined) {
          if (!String(item.text).trim()) out.push({ field: "sections", item: item, blocking: true, message: where + ": your own clause is empty" });
          placeholderProblems(item.text, "clause " + where, vals, out);
          var own = String(item.text).toLowerCase().replace(/\W+/g, " ").trim();
          if (texts[own]) out.push({ field: "sections", item: item, blocking: false, message: where + " repeats " + texts[own] + " word for word", fix: "remove" });
          texts[own] = texts[own] || where;
          return;
        }
        var c = clauseOf(data, item.key);
        if (!c) { out.push({ field: "sections", item: item, blocking: true, message: where + ": " + item.key + " is not in this site's corpus; remove it", fix: "remove" }); return; }
        var words = reading(c).toLowerCase().replace(/\W+/g, " ").trim();
        if (refs[c.ref]) out.push({ field: "sections", item: item, blocking: true, message: where + ": " + c.ref + " is chosen twice (also " + refs[c.ref] + "); keep one", fix: "remove" });
        else if (c.family && families[c.family]) out.push({ field: "sections", item: item, blocking: false, message: where + " states the same rule as " + families[c.family] + " (one family)", fix: "remove" });
        else if (texts[words]) out.push({ field: "sections", item: item, blocking: false, message: where + " repeats " + texts[words] + " word for word", fix: "remove" });
        refs[c.ref] = refs[c.ref] || where;
        if (c.family) families[c.family] = families[c.family] || where;
        texts[words] = texts[words] || where;
      });
    });
    if (!count) out.push({ field: "sections", blocking: true, message: "no clauses chosen; add at least one" });
    var names = nameMap(state, data);
    Object.keys(names).forEach(function (n) { placeholderProblems(names[n], "names." + n, vals, out); });
    paragraphs(declarationText(state, data)).forEach(function (p) { placeholderProblems(p, "declaration", vals, out); });
    if (obj.introduction) placeholderProblems(obj.introduction, "introduction", vals, out);
    return out;
  }

  /* A recipe file's data as a workspace; notes say what could not be carried over. */
  function fromRecipe(obj, data, schema) {
    var notes = [];
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new Error("not a recipe: expected a mapping with recipe:, school:, topics:");
    if (schema) validate(schema, obj).forEach(function (e) { notes.push(e.message); });
    var state = window.AupStore.empty();
    function text(v) { return v === null || v === undefined ? "" : String(v); }
    var school = obj.school || {};
    state.fields["school.name"] = text(school.name);
    state.fields["school.address"] = text(school.address).trim();
    ["title", "version", "adopted", "review_due"].forEach(function (k) { state.fields[k] = text(obj[k]); });
    Object.keys(obj.people || {}).forEach(function (k) { state.fields["people." + k] = text(obj.people[k]); });
    var topics = obj.topics || {}, order = (obj.order || []).slice();
    data.topics.forEach(function (t) { if (order.indexOf(t.id) < 0) order.push(t.id); });
    Object.keys(topics).forEach(function (t) { if (order.indexOf(t) < 0) order.push(t); });
    order.forEach(function (topic) {
      if (!(topic in topics)) return;
      var body = Array.isArray(topics[topic]) ? { clauses: topics[topic] } : (topics[topic] || {});
      var section = { topic: topic, items: [] };
      if (body.title) section.title = text(body.title);
      (body.clauses || []).forEach(function (c) {
        var ref = typeof c === "string" ? c.trim() : c && c.family ? c.family : c && c.clause ? (c.clause.indexOf("#") >= 0 ? c.clause : text(c.document) + "#" + c.clause) : null;
        if (c && typeof c === "object" && "text" in c) section.items.push({ text: text(c.text) });
        else if (ref) {
          var key = data.clauses[ref] ? ref : (data.alias[ref] || ref);
          if (!clauseOf(data, key)) notes.push(topic + ": " + ref + " is not in this site's corpus");
          section.items.push({ key: key });
        }
      });
      state.sections.push(section);
    });
    Object.keys(obj.names || {}).forEach(function (n) { state.names[n] = text(obj.names[n]); });
    state.extra = { introduction: text(obj.introduction).trim(), audiences: (obj.audiences || []).slice() };
    // a borrowed declaration clause becomes the school's own wording, with the recipe's names mapped in it
    var vals = values(state, data), mapping = {}, P = window.AupPolicy;
    Object.keys(state.names).forEach(function (n) { mapping[n] = P.fill(state.names[n], vals); });
    var wording = [];
    ((obj.declaration || {}).wording || []).forEach(function (w) {
      var ref = typeof w === "string" ? (/^[a-z0-9][a-z0-9._-]*#[A-Za-z0-9._-]+$/.test(w.trim()) ? w.trim() : null)
        : w && w.family ? w.family : w && w.clause ? (w.clause.indexOf("#") >= 0 ? w.clause : text(w.document) + "#" + w.clause) : null;
      if (ref === null) { if (typeof w === "string" || (w && "text" in w)) wording.push(typeof w === "string" ? w : text(w.text)); return; }
      var c = clauseOf(data, ref);
      if (c) { wording.push(P.replaceNames(reading(c), mapping)); notes.push("declaration: " + ref + " copied in as your own wording"); }
      else notes.push("declaration: " + ref + " is not in this site's corpus; left out");
    });
    if (wording.length) state.declaration = wording.join("\n\n");
    return { state: state, notes: notes };
  }

  window.AupRules = { validate: validate, values: values, recipe: recipe, yaml: yaml, problems: problems, fromRecipe: fromRecipe,
    clauseOf: clauseOf, reading: reading, nameMap: nameMap, detectedNames: detectedNames, declarationText: declarationText, paragraphs: paragraphs,
    fieldValue: fieldValue };
})();
