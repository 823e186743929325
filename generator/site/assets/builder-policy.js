/* AUP Atlas builder: the school's policy as `aup tailor` makes it from the same recipe, numbered and with
 * names mapped, for the preview, the Word file and the print view. Borrowed clause text is only ever
 * changed by mapped names (generator.tailor.names.replace_names); text the school writes fills
 * placeholders such as {school} (generator.tailor.policy.fill). */
(function () {
  "use strict";

  var R = window.AupRules;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var DESIGNATIONS = window.AupRoster.designations;  // roster.js

  function displayDate(value) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(String(value || ""));
    if (!m) return String(value || "");
    return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1];
  }

  function fill(text, vals) {
    return String(text).replace(/(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})/g, function (all, key) { return vals[key] ? vals[key] : all; });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* One pass, longest name first, on word boundaries; replacements are not re-read. */
  function replaceNames(text, mapping) {
    var names = Object.keys(mapping).filter(function (n) { return n && mapping[n] !== n; })
      .sort(function (a, b) { return b.length - a.length; });
    if (!names.length) return text;
    var pattern = new RegExp(names.map(function (n) {
      return "(?<![\\p{L}\\p{N}\\p{M}_])" + escapeRegExp(n) + "(?![\\p{L}\\p{N}\\p{M}_])";
    }).join("|"), "gu");
    return text.replace(pattern, function (hit) { return mapping[hit]; });
  }

  var DESIGNATION = { staff: "Staff", governors: "Governor", visitors: "Visitor", volunteers: "Volunteer", contractors: "Contractor" };

  /* Who signs, from who the policy applies to (pupils and parents sign their own agreements), as aup tailor. */
  function designations(audiences) {
    var out = audiences.map(function (a) { return DESIGNATION[a]; }).filter(Boolean);
    return out.length ? out : DESIGNATIONS.slice();
  }

  function roleTitle(role) { var t = role.replace(/_/g, " "); return t.charAt(0).toUpperCase() + t.slice(1); }

  function documentOf(ref) { return ref.split("#")[0]; }

  /* A section's numbered clauses, as generator.tailor.policy._numbered: consecutive items that share a lead-in
   * (its key, or its words in the same document) are printed under one line of it ("3.2 Staff must not:" then
   * 3.2.1, 3.2.2, ...: the lead-in's `items`); every other clause on its own. */
  function numbered(n, clauses, mapping) {
    var groups = [];
    clauses.forEach(function (c) {
      var key = c.lead[0], last = groups[groups.length - 1];
      if (last && key && (last.key === key || (last.lead === c.lead[1] && documentOf(last.members[0].source) === documentOf(c.source)))) {
        last.members.push(c);
      } else groups.push({ key: key, lead: c.lead[1], members: [c] });
    });
    return groups.map(function (g, i) {
      var number = n + "." + (i + 1);
      if (!g.key) return { number: number, text: g.members[0].text, source: g.members[0].source, items: [] };
      return { number: number, text: replaceNames(g.lead, mapping), source: g.key.indexOf("caption ") === 0 ? "" : g.key,
        items: g.members.map(function (c, j) { return { number: number + "." + (j + 1), text: c.text, source: c.source, items: [] }; }) };
    });
  }

  function compose(state, data) {
    var vals = R.values(state, data);
    var names = R.nameMap(state, data), mapping = {};
    Object.keys(names).forEach(function (n) { mapping[n] = fill(names[n], vals); });
    var titles = {};
    data.topics.forEach(function (t) { titles[t.id] = t.title; });
    var sections = [];
    state.sections.forEach(function (s) {
      var clauses = [];
      s.items.forEach(function (item) {
        if (item.key) {
          var c = R.clauseOf(data, item.key);
          if (c && c.intro) return; // a bare lead-in is printed in front of its chosen items, never alone (as aup tailor does)
          if (c) clauses.push({ text: replaceNames(c.text, mapping), source: c.ref, lead: c.lead || ["", ""] });
        } else if (String(item.text || "").trim()) {
          clauses.push({ text: fill(String(item.text).trim(), vals), source: "", lead: ["", ""] });
        }
      });
      if (!clauses.length) return;
      var n = sections.length + 1;
      sections.push({ number: n, topic: s.topic, title: s.title || titles[s.topic] || s.topic, clauses: numbered(n, clauses, mapping) });
    });
    var roles = data.roles.filter(function (r) { return vals[r]; });
    data.people.forEach(function (p) { if (vals[p[0]] && roles.indexOf(p[0]) < 0) roles.push(p[0]); });
    return {
      school: vals.school, title: vals.title, address: vals.address, version: vals.version,
      adopted: displayDate(vals.adopted), review_due: displayDate(vals.review_due),
      people: roles.map(function (r) { return [roleTitle(r), vals[r]]; }),
      sections: sections,
      introduction: R.paragraphs((state.extra || {}).introduction || "").map(function (p) { return fill(p, vals); }),
      declaration: R.paragraphs(R.declarationText(state, data)).map(function (p) { return fill(p, vals); }),
      designations: designations((state.extra || {}).audiences || []),
      signatories: [["Headteacher", vals.headteacher || ""], ["Chair of governors", vals.chair_of_governors || ""]]
    };
  }

  function facts(policy) {
    return [["Adopted", policy.adopted], ["Review due", policy.review_due], ["Version", policy.version]]
      .filter(function (pair) { return pair[1]; });
  }

  function footer(policy) {
    return [policy.school, policy.title, policy.version ? "Version " + policy.version : ""].filter(Boolean).join(" \u00b7 ");
  }

  function md(text) { return String(text).replace(/\s+/g, " ").replace(/([\\`*_[\]<>#|])/g, "\\$1"); }

  function markdown(policy) {
    var lines = ["# " + md(policy.title), "", "**" + md(policy.school || "(school name)") + "**", ""];
    facts(policy).forEach(function (f) { lines.push("- " + f[0] + ": " + md(f[1])); });
    if (policy.people.length) {
      lines.push("", "## Key people", "");
      policy.people.forEach(function (p) { lines.push("- " + p[0] + ": " + md(p[1])); });
    }
    if (policy.introduction.length) {
      lines.push("", "## Introduction", "");
      policy.introduction.forEach(function (p) { lines.push(md(p), ""); });
    }
    policy.sections.forEach(function (s) {
      lines.push("", "## " + s.number + ". " + md(s.title), "");
      s.clauses.forEach(function (c) {
        lines.push("**" + c.number + "** " + md(c.text), "");
        c.items.forEach(function (item) { lines.push("- **" + item.number + "** " + md(item.text)); });
        if (c.items.length) lines.push("");
      });
    });
    lines.push("", "## Declaration", "");
    policy.declaration.forEach(function (p) { lines.push(md(p), ""); });
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  window.AupPolicy = { parseRoster: window.AupRoster.parse, compose: compose, markdown: markdown, facts: facts, footer: footer, displayDate: displayDate,
    replaceNames: replaceNames, fill: fill };
})();
