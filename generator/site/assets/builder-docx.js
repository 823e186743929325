/* AUP Atlas builder: the school's policy as a Word file, made in the browser with the npm `docx` package
 * (window.docx, copied into the site by `aup build` when `npm ci` has installed it). As the Word file
 * `aup tailor` writes: real Heading styles, each section's clauses a numbered list (w:numPr) of its own
 * that restarts at 1 ("3.1, 3.2, ...", the items under a lead-in its second level: "3.2.1, ..."), the declaration
 * and adoption pages, language en-GB, A4. */
(function () {
  "use strict";

  var TWIP_MM = 56.7;
  var HANG = 624; // hanging indent of a numbered clause (11 mm), as generator.tailor.docx
  var ITEM_HANG = 907; // hanging indent of an item under a lead-in (16 mm: "3.12.10" fits), as generator.tailor.docx

  function mm(n) { return Math.round(n * TWIP_MM); }

  function build(policy) {
    var d = window.docx;
    if (!d) return Promise.reject(new Error("the docx package is not installed"));
    function p(text, opts) {
      return new d.Paragraph(Object.assign({ children: [new d.TextRun(String(text))] }, opts || {}));
    }
    function cell(text, width, opts) {
      opts = opts || {};
      return new d.TableCell({ width: { size: width, type: d.WidthType.DXA }, verticalAlign: opts.bottom ? d.VerticalAlign.BOTTOM : undefined,
        borders: opts.borders, children: [new d.Paragraph({ children: text ? [new d.TextRun({ text: String(text), bold: !!opts.bold })] : [] })] });
    }
    var none = { style: d.BorderStyle.NONE, size: 0, color: "FFFFFF" };
    var plain = { top: none, bottom: none, left: none, right: none };
    function pairs(rows) {
      return new d.Table({ width: { size: mm(174), type: d.WidthType.DXA }, columnWidths: [mm(60), mm(114)],
        borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
        rows: rows.map(function (r) { return new d.TableRow({ children: [cell(r[0], mm(60)), cell(r[1], mm(114), { bold: true })] }); }) });
    }
    var body = [new d.Paragraph({ children: [new d.TextRun({ text: policy.school, bold: true })] })];
    policy.address.split(/\n/).map(function (l) { return l.replace(/^[\s,]+|[\s,]+$/g, ""); }).filter(Boolean)
      .forEach(function (l) { body.push(p(l)); });
    body.push(p(policy.title, { heading: d.HeadingLevel.TITLE }));
    var facts = window.AupPolicy.facts(policy);
    if (facts.length) body.push(pairs(facts));
    if (policy.people.length) {
      body.push(p("Key people", { heading: d.HeadingLevel.HEADING_1 }));
      body.push(pairs(policy.people));
    }
    if (policy.introduction.length) {
      body.push(p("Introduction", { heading: d.HeadingLevel.HEADING_1 }));
      policy.introduction.forEach(function (para) { body.push(p(para)); });
    }
    var config = [];
    policy.sections.forEach(function (s) {
      var reference = "aup-section-" + s.number;
      function level(n, text, left, hang) {
        return { level: n, format: d.LevelFormat.DECIMAL, text: text, start: 1, alignment: d.AlignmentType.LEFT,
          style: { paragraph: { indent: { left: left, hanging: hang } }, run: { bold: true } } };
      }
      // items under a lead-in ("Staff must not:") are the list's second level: 3.2.1, 3.2.2, ...
      config.push({ reference: reference, levels: [level(0, s.number + ".%1", HANG, HANG),
        level(1, s.number + ".%1.%2", HANG + ITEM_HANG, ITEM_HANG)] });
      body.push(p(s.number + ". " + s.title, { heading: d.HeadingLevel.HEADING_1 }));
      s.clauses.forEach(function (c) {
        [[0, c]].concat(c.items.map(function (item) { return [1, item]; })).forEach(function (pair) {
          var lead = pair[1].items.length > 0; // a lead-in stays on the page with its first item
          body.push(p(pair[1].text, { numbering: { reference: reference, level: pair[0] }, keepLines: true, keepNext: lead,
            spacing: { after: lead ? 60 : 100 } }));
        });
      });
    });
    body.push(p("Declaration", { heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true }));
    policy.declaration.forEach(function (para) { body.push(p(para)); });
    var line = { style: d.BorderStyle.SINGLE, size: 4, color: "000000" };
    var sign = [["Name", ""], ["Designation", policy.designations.join(" / ") + " (delete as applicable)"], ["Signed", ""], ["Date", ""]];
    body.push(new d.Table({ width: { size: mm(174), type: d.WidthType.DXA }, columnWidths: [mm(40), mm(134)],
      rows: sign.map(function (r) {
        return new d.TableRow({ cantSplit: true, height: { value: mm(r[0] === "Signed" || r[0] === "Date" ? 14 : 9), rule: d.HeightRule.ATLEAST },
          children: [cell(r[0], mm(40), { bottom: true, borders: plain }),
            cell(r[1], mm(134), { bottom: true, borders: r[1] ? plain : { top: none, left: none, right: none, bottom: line } })] });
      }) }));
    body.push(p("Adoption by the governing body", { heading: d.HeadingLevel.HEADING_2 }));
    body.push(p("This policy was adopted" + (policy.adopted ? " on " + policy.adopted : "") + " and is due for review" +
      (policy.review_due ? " by " + policy.review_due : "") + "."));
    var widths = [mm(45), mm(50), mm(49), mm(30)];
    var head = new d.TableRow({ tableHeader: true, children: ["Role", "Name", "Signature", "Date"].map(function (t, i) { return cell(t, widths[i], { bold: true }); }) });
    body.push(new d.Table({ width: { size: mm(174), type: d.WidthType.DXA }, columnWidths: widths,
      rows: [head].concat(policy.signatories.map(function (s) {
        return new d.TableRow({ cantSplit: true, height: { value: mm(14), rule: d.HeightRule.ATLEAST },
          children: [s[0], s[1], "", ""].map(function (t, i) { return cell(t, widths[i]); }) });
      })) }));
    var foot = new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [
      new d.TextRun({ text: window.AupPolicy.footer(policy) + " \u00b7 Page ", size: 16 }),
      new d.TextRun({ children: [d.PageNumber.CURRENT], size: 16 }), new d.TextRun({ text: " of ", size: 16 }),
      new d.TextRun({ children: [d.PageNumber.TOTAL_PAGES], size: 16 })] })] });
    var doc = new d.Document({
      creator: policy.school || "AUP Atlas", title: policy.title, subject: policy.school, keywords: "acceptable use policy",
      styles: { default: { document: { run: { font: "Calibri", size: 22, language: { value: "en-GB" } } } } },
      numbering: { config: config },
      sections: [{ properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(18), right: mm(18) } } },
        footers: { default: foot }, children: body }]
    });
    return d.Packer.toBlob(doc);
  }

  window.AupDocx = { build: build, available: function () { return !!window.docx; } };
})();
