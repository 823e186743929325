/* AUP Atlas: a pasted roster CSV, checked as generator.declarations.roster.parse_roster checks a roster file
 * (window.AupRoster). The builder's declaration sheets and every declaration page of the site read rosters here.
 * parse(text) gives { people: [{ name, designation, role }], problems: ["roster:<line>: what is wrong; expected"] };
 * with any problem, no people. */
(function () {
  "use strict";

  var DESIGNATIONS = ["Staff", "Governor", "Visitor", "Volunteer"];

  /* The rows of a CSV text, each with the line it starts on (a quoted field may hold commas and line breaks). */
  function csvRows(text) {
    var rows = [], row = [], cell = "", quoted = false, line = 1, start = 1;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else { cell += c; if (c === "\n") line++; }
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push({ line: start, cells: row }); row = []; cell = ""; line++; start = line;
      } else cell += c;
    }
    if (cell || row.length) { row.push(cell); rows.push({ line: start, cells: row }); }
    return rows;
  }

  function parse(text) {
    var where = "roster", problems = [], people = [];
    text = String(text || "").replace(/^\uFEFF/, "");
    if (!text.trim()) return { people: [], problems: [] };
    var rows = csvRows(text), header = rows.shift().cells, columns = header.map(function (h) { return h.trim().toLowerCase(); });
    var missing = ["name", "designation"].filter(function (c) { return columns.indexOf(c) < 0; });
    if (missing.length) {
      return { people: [], problems: [where + ":1: missing column" + (missing.length > 1 ? "s " : " ") + missing.join(", ") +
        "; expected columns name, designation and optionally email, role"] };
    }
    var known = {};
    DESIGNATIONS.forEach(function (d) { known[d.toLowerCase()] = d; known[d.toLowerCase() + "s"] = d; });
    rows.forEach(function (r) {
      if (!r.cells.some(function (c) { return c.trim(); })) return;
      if (r.cells.length > header.length) { problems.push(where + ":" + r.line + ": " + r.cells.length + " fields but the header has " + header.length + "; quote any value that contains a comma"); return; }
      function col(name) { var i = columns.indexOf(name); return i >= 0 && i < r.cells.length ? r.cells[i].replace(/\s+/g, " ").trim() : ""; }
      var name = col("name"), given = col("designation"), designation = known[given.toLowerCase()], email = col("email");
      if (!name) problems.push(where + ":" + r.line + ": empty name; expected the person's name as it should be printed");
      if (!designation) problems.push(where + ":" + r.line + ": " + (given ? "unknown designation '" + given + "'" : "empty designation") + "; expected one of " + DESIGNATIONS.join(", "));
      if (email && (email.indexOf("@") < 0 || email.indexOf(" ") >= 0)) problems.push(where + ":" + r.line + ": email '" + email + "' is not an address; expected name@example.org or nothing");
      if (name && designation) people.push({ name: name, designation: designation, role: col("role") });
    });
    if (!people.length && !problems.length) problems.push(where + ": no people listed; expected one row per person under the header");
    return { people: problems.length ? [] : people, problems: problems };
  }

  window.AupRoster = { parse: parse, designations: DESIGNATIONS };
})();
