/* AUP Atlas builder: read a recipe file back (JSON, or the YAML that recipes are written in). A small YAML
 * reader for what recipes use: block mappings and sequences, "- key: value" items, flow [..] and {..} on
 * one line, quoted and plain scalars, block scalars (| and >), comments. It builds plain data only. */
(function () {
  "use strict";

  function YamlError(line, message) {
    this.message = "line " + line + ": " + message;
    this.line = line;
  }

  function stripComment(s) {
    var single = false, double = false;
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === "'" && !double) single = !single;
      else if (c === '"' && !single && s[i - 1] !== "\\") double = !double;
      else if (c === "#" && !single && !double && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i).replace(/\s+$/, "");
    }
    return s.replace(/\s+$/, "");
  }

  function indentOf(line) { return line.match(/^ */)[0].length; }

  function plain(v) {
    if (v === "" || v === "~" || v === "null" || v === "Null" || v === "NULL") return null;
    if (v === "true" || v === "True") return true;
    if (v === "false" || v === "False") return false;
    if (/^[-+]?\d+$/.test(v)) return Number(v);
    return v; // floats and dates stay as written ("1.0", "2025-09-01"), as the recipe reader reads them
  }

  function quoted(v, line) {
    if (v[0] === '"') {
      try { return JSON.parse(v); } catch (err) { throw new YamlError(line, "a double-quoted value is not closed or has a bad escape"); }
    }
    if (v.length < 2 || v[v.length - 1] !== "'") throw new YamlError(line, "a single-quoted value is not closed");
    return v.slice(1, -1).replace(/''/g, "'");
  }

  /* One-line flow collections: [a, "b"], {document: x, clause: y}. */
  function flow(text, line) {
    var pos = 0;
    function ws() { while (pos < text.length && /\s/.test(text[pos])) pos++; }
    function scalarToken(stops) {
      ws();
      var c = text[pos];
      if (c === '"' || c === "'") {
        var end = pos + 1;
        while (end < text.length && !(text[end] === c && (c === "'" ? text[end + 1] !== "'" : text[end - 1] !== "\\"))) end += c === "'" && text[end] === "'" ? 2 : 1;
        var raw = text.slice(pos, end + 1);
        pos = end + 1;
        return quoted(raw, line);
      }
      var start = pos;
      while (pos < text.length && stops.indexOf(text[pos]) < 0) pos++;
      return plain(text.slice(start, pos).trim());
    }
    function value() {
      ws();
      if (text[pos] === "[") {
        pos++;
        var list = [];
        ws();
        if (text[pos] === "]") { pos++; return list; }
        for (;;) {
          list.push(value());
          ws();
          if (text[pos] === ",") { pos++; continue; }
          if (text[pos] === "]") { pos++; return list; }
          throw new YamlError(line, "expected , or ] in a [...] list");
        }
      }
      if (text[pos] === "{") {
        pos++;
        var map = {};
        ws();
        if (text[pos] === "}") { pos++; return map; }
        for (;;) {
          var key = scalarToken(":,}");
          ws();
          if (text[pos] !== ":") throw new YamlError(line, "expected key: value in a {...} mapping");
          pos++;
          map[String(key)] = value();
          ws();
          if (text[pos] === ",") { pos++; continue; }
          if (text[pos] === "}") { pos++; return map; }
          throw new YamlError(line, "expected , or } in a {...} mapping");
        }
      }
      return scalarToken(",]}");
    }
    var out = value();
    ws();
    if (pos < text.length) throw new YamlError(line, "unexpected text after a flow value");
    return out;
  }

  function parse(text) {
    var trimmed = text.replace(/^\uFEFF/, "").trim();
    if (trimmed[0] === "{") return JSON.parse(trimmed);
    var raw = text.replace(/^\uFEFF/, "").replace(/\t/g, "  ").split(/\r?\n/);
    var i = 0;

    function skip() {
      while (i < raw.length) {
        var s = stripComment(raw[i]);
        if (s.trim() === "" || /^(---|\.\.\.)\s*$/.test(s) || s[0] === "%") i++;
        else break;
      }
    }

    function scalar(v, ind) {
      v = v.trim();
      if (v[0] === "|" || v[0] === ">") return block(v, ind);
      if (v[0] === '"' || v[0] === "'") return quoted(v, i);
      if (v[0] === "[" || v[0] === "{") return flow(v, i);
      return plain(v);
    }

    function block(header, ind) {
      var keep = header.indexOf("+") >= 0, strip = header.indexOf("-") >= 0, folded = header[0] === ">";
      var lines = [], inner = -1;
      while (i < raw.length && (raw[i].trim() === "" || indentOf(raw[i]) > ind)) {
        if (inner < 0 && raw[i].trim() !== "") inner = indentOf(raw[i]);
        lines.push(raw[i]);
        i++;
      }
      lines = lines.map(function (l) { return l.slice(Math.max(inner, 0)); });
      var body = folded ? lines.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ") : lines.join("\n");
      body = body.replace(/\n+$/, "");
      if (strip) return body;
      return keep ? lines.join("\n") : body + "\n";
    }

    function node(min) {
      skip();
      if (i >= raw.length) return null;
      var ind = indentOf(raw[i]);
      if (ind < min) return null;
      var content = stripComment(raw[i]).slice(ind);
      return (content === "-" || content.slice(0, 2) === "- ") ? seq(ind) : map(ind);
    }

    function seq(ind) {
      var out = [];
      for (;;) {
        skip();
        if (i >= raw.length || indentOf(raw[i]) !== ind) break;
        var line = stripComment(raw[i]);
        var content = line.slice(ind);
        if (!(content === "-" || content.slice(0, 2) === "- ")) break;
        var rest = content.slice(1).replace(/^\s+/, "");
        if (rest === "") { i++; out.push(node(ind + 1)); continue; }
        var at = line.length - rest.length;
        if (/^[^"'[{][^:]*:(\s|$)/.test(rest) || /^"(?:[^"\\]|\\.)*"\s*:(\s|$)/.test(rest)) {
          raw[i] = new Array(at + 1).join(" ") + raw[i].slice(at); // the item's mapping starts where its first key does
          out.push(map(at));
          continue;
        }
        i++;
        out.push(scalar(rest, ind));
      }
      return out;
    }

    function map(ind) {
      var out = {};
      for (;;) {
        skip();
        if (i >= raw.length) break;
        var here = indentOf(raw[i]);
        if (here < ind) break;
        if (here > ind) throw new YamlError(i + 1, "unexpected indentation");
        var content = stripComment(raw[i]).slice(ind);
        if (content === "-" || content.slice(0, 2) === "- ") break;
        var m = content.match(/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:]*?)\s*:(?:\s+(.*))?$/);
        if (!m) throw new YamlError(i + 1, "expected key: value");
        var key = /^["']/.test(m[1]) ? quoted(m[1], i + 1) : m[1];
        var value = m[2] === undefined ? "" : m[2];
        i++;
        if (value.trim() === "") {
          skip();
          var nextIsSeq = i < raw.length && indentOf(raw[i]) === ind && /^-(\s|$)/.test(stripComment(raw[i]).slice(ind));
          out[key] = nextIsSeq ? seq(ind) : node(ind + 1);
        } else {
          out[key] = scalar(value, ind);
        }
      }
      return out;
    }

    var result = node(0);
    skip();
    if (i < raw.length) throw new YamlError(i + 1, "unexpected text (check the indentation)");
    return result;
  }

  window.AupYaml = { parse: parse };
})();
