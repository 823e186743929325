/* AUP Atlas builder: the school's workspace, kept in this browser (localStorage) so it survives a reload.
 * Loaded by the builder, its print view and every topic page, where it wires the "Add to my policy"
 * buttons (data-aup-add="<family id or document#clause>", data-topic="<topic id>"; a bare lead-in's button adds
 * data-aup-items, the refs of its items, instead). No inline handlers. */
(function () {
  "use strict";

  var KEY = "aup-atlas-builder";
  var VERSION = 1;

  /* A workspace: the school's values, the sections in order (each a topic with its items: {key} chosen
   * from the corpus or {text} written by the school), the name mapping, the declaration and a roster. */
  function empty() {
    return { version: VERSION, fields: {}, sections: [], names: {}, declaration: null, roster: "" };
  }

  function load() {
    try {
      var state = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (state && state.version === VERSION && Array.isArray(state.sections)) {
        state.fields = state.fields || {};
        state.names = state.names || {};
        return state;
      }
    } catch (err) { /* unreadable: start afresh */ }
    return empty();
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      return true;
    } catch (err) {
      return false; // storage full or disabled: the page still works, it just forgets on reload
    }
  }

  function section(state, topic) {
    for (var i = 0; i < state.sections.length; i++) {
      if (state.sections[i].topic === topic) return state.sections[i];
    }
    var made = { topic: topic, items: [] };
    state.sections.push(made);
    return made;
  }

  function has(state, key) {
    return state.sections.some(function (s) {
      return s.items.some(function (item) { return item.key === key; });
    });
  }

  /* Add a chosen clause to its topic's section; false when it is already in the policy. */
  function add(state, key, topic) {
    if (has(state, key)) return false;
    section(state, topic).items.push({ key: key });
    return true;
  }

  /* A bare lead-in ("Staff must not:") is chosen as its items, added under it in order (it is printed in front
   * of them): the keys a button adds, and whether all of them are in the policy already. */
  function addAll(state, keys, topic) {
    var added = false;
    keys.forEach(function (k) { if (add(state, k, topic)) added = true; });
    return added;
  }

  function hasAll(state, keys) {
    return keys.length > 0 && keys.every(function (k) { return has(state, k); });
  }

  window.AupStore = { load: load, save: save, empty: empty, add: add, has: has, addAll: addAll, hasAll: hasAll,
    section: section, KEY: KEY };

  function wireTopicPage() {
    var buttons = document.querySelectorAll("button[data-aup-add]");
    if (!buttons.length) return;
    function keys(button) { // data-aup-items: the items a bare lead-in's button adds in its place
      var items = button.getAttribute("data-aup-items");
      return items ? items.split(" ") : [button.getAttribute("data-aup-add")];
    }
    function show(button, state) {
      var added = hasAll(state, keys(button));
      var items = button.getAttribute("data-aup-items"), n = items ? items.split(" ").length : 0;
      button.textContent = added ? "In my policy \u2713" : items ? "Add with its " + n + " item" + (n === 1 ? "" : "s") : "Add to my policy";
      button.setAttribute("aria-pressed", added ? "true" : "false");
    }
    var state = load();
    buttons.forEach(function (button) {
      show(button, state);
      button.addEventListener("click", function () {
        var now = load(); // another tab may have changed it
        addAll(now, keys(button), button.getAttribute("data-topic"));
        save(now);
        show(button, now);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wireTopicPage);
  else wireTopicPage();
})();
