/* AUP Atlas builder: the print view of the school's policy (#policy) and its declaration sheets
 * (#declarations: one blank sheet, or one per person of the pasted roster), from the workspace kept in this
 * browser. Printed A4 with page numbers (builder-print.css); text only through text nodes. */
(function () {
  "use strict";

  var main = document.getElementById("aup-print");
  if (!main) return;
  var R = window.AupRules, P = window.AupPolicy;

  var el = window.AupDom.el;  // dom.js

  function cssString(text) { return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\n\r]+/g, " ") + '"'; }

  function pageFooter(policy) {
    var style = document.createElement("style"); // the running footer names the school (escaped as a CSS string)
    style.textContent = "@page { @bottom-left { content: " + cssString(P.footer(policy)) + "; } }";
    document.head.appendChild(style);
  }

  function table(rows, className) {
    return el("table", { className: className }, el("tbody", {}, ...rows.map(function (r) {
      return el("tr", {}, el("th", { scope: "row", text: r[0] }), el("td", { text: r[1] }));
    })));
  }

  function header(policy) {
    var head = el("header", { className: "policy-head" }, el("p", { className: "school", text: policy.school || "(school name)" }));
    policy.address.split(/\n/).filter(function (l) { return l.trim(); }).forEach(function (l) { head.appendChild(el("p", { className: "address", text: l.trim() })); });
    head.appendChild(el("h1", { text: policy.title }));
    return head;
  }

  function signature(policy, person) {
    var rows = [["Name", person ? person.name : ""], ["Designation", person ? person.designation : policy.designations.join(" / ") + " (delete as applicable)"]];
    if (person && person.role) rows.push(["Role", person.role]);
    rows.push(["Signed", ""], ["Date", ""]);
    var t = table(rows, "fields");
    t.querySelectorAll("td").forEach(function (td) { if (!td.textContent) td.className = "blank"; });
    return t;
  }

  function declarationPage(policy, person) {
    var sheet = el("section", { className: "sheet" }, header(policy), el("h2", { text: "Declaration" }));
    policy.declaration.forEach(function (p) { sheet.appendChild(el("p", { text: p })); });
    sheet.appendChild(signature(policy, person));
    return sheet;
  }

  function clause(c, className, items) {
    return el("li", { className: className, "data-number": c.number }, el("span", { className: "number", text: c.number }), " ",
      el("span", { className: "text", text: c.text }), items);
  }

  function renderPolicy(policy) {
    var doc = el("article", { className: "policy" }, header(policy));
    var facts = P.facts(policy);
    if (facts.length) doc.appendChild(table(facts, "facts"));
    if (policy.people.length) doc.appendChild(el("section", { className: "people" }, el("h2", { text: "Key people" }), table(policy.people, "facts")));
    if (policy.introduction.length) {
      var intro = el("section", { className: "introduction" }, el("h2", { text: "Introduction" }));
      policy.introduction.forEach(function (para) { intro.appendChild(el("p", { text: para })); });
      doc.appendChild(intro);
    }
    policy.sections.forEach(function (s) {
      var list = el("ol", { className: "clauses" });
      s.clauses.forEach(function (c) { // a lead-in ("Staff must not:") with its items nested under it, as aup tailor prints it
        var items = c.items.length ? el("ol", { className: "items" }) : null;
        c.items.forEach(function (item) { items.appendChild(clause(item, "clause item")); });
        list.appendChild(clause(c, items ? "clause lead-in" : "clause", items));
      });
      doc.appendChild(el("section", { className: "topic" }, el("h2", { text: s.number + ". " + s.title }), list));
    });
    doc.appendChild(declarationPage(policy, null));
    var adoption = el("section", { className: "adoption" }, el("h2", { text: "Adoption by the governing body" }),
      el("p", { text: "This policy was adopted" + (policy.adopted ? " on " + policy.adopted : "") + " and is due for review" +
        (policy.review_due ? " by " + policy.review_due : "") + "." }));
    var grid = el("table", { className: "grid" }, el("thead", {}, el("tr", {}, ...["Role", "Name", "Signature", "Date"].map(function (h) { return el("th", { text: h }); }))));
    var body = el("tbody");
    policy.signatories.forEach(function (s) { body.appendChild(el("tr", {}, el("td", { text: s[0] }), el("td", { text: s[1] }), el("td"), el("td"))); });
    grid.appendChild(body);
    adoption.appendChild(grid);
    doc.appendChild(adoption);
    return doc;
  }

  function renderSheets(policy, state) {
    var parsed = P.parseRoster(state.roster), box = el("div", { className: "sheets" });
    if (parsed.problems.length) {
      var list = el("ul", { className: "screen-only problems" });
      parsed.problems.forEach(function (m) { list.appendChild(el("li", { text: m })); });
      box.appendChild(el("div", { className: "screen-only" }, el("p", { text: "The roster has problems, so a blank sheet is shown; fix them in the builder:" }), list));
    }
    (parsed.people.length ? parsed.people : [null]).forEach(function (person) { box.appendChild(declarationPage(policy, person)); });
    return box;
  }

  /* One signature roster: everyone on the pasted roster (or blank rows) signs one table. */
  function renderRoster(policy, state) {
    var parsed = P.parseRoster(state.roster), rows = parsed.people.length ? parsed.people : new Array(18).fill(null);
    var page = el("section", { className: "sheet roster" }, header(policy), el("h2", { text: "Signature roster" }));
    policy.declaration.forEach(function (p) { page.appendChild(el("p", { text: p })); });
    var body = el("tbody");
    rows.forEach(function (person) {
      body.appendChild(el("tr", {}, el("td", { text: person ? person.name : "" }), el("td", { text: person ? person.designation : "" }),
        el("td"), el("td")));
    });
    page.appendChild(el("table", { className: "grid" }, el("thead", {}, el("tr", {}, ...["Name", "Designation", "Signature", "Date"]
      .map(function (h) { return el("th", { text: h }); }))), body));
    return page;
  }

  function render(data) {
    var state = window.AupStore.load(), policy = P.compose(state, data);
    main.textContent = "";
    pageFooter(policy);
    var part = window.location.hash.slice(1), names = { declarations: "Declaration sheets: ", roster: "Signature roster: " };
    document.title = (names[part] || "") + policy.title + (policy.school ? " \u2013 " + policy.school : "");
    main.appendChild(part === "declarations" ? renderSheets(policy, state) : part === "roster" ? renderRoster(policy, state) : renderPolicy(policy));
    main.setAttribute("data-ready", "yes");
  }

  fetch(main.getAttribute("data-clauses")).then(function (r) {
    if (!r.ok) throw new Error("clauses.json: " + r.status);
    return r.json();
  }).then(function (data) {
    render(data);
    window.addEventListener("hashchange", function () { render(data); });
  }).catch(function (err) { main.textContent = "The policy could not be loaded: " + err.message; });
})();
