// Streamlit's own words in the page's language (ui/chrome.py fills in the words).
//
// Streamlit writes its skip link, menu, sidebar buttons, pickers, tables' toolbars and
// menus and its file uploaders in English. This script puts the catalogue's words in
// their place, for the eye and for screen readers: the texts and the names
// (aria-label, title, placeholder, aria-roledescription) that are exactly one of
// Streamlit's words, as the page draws them and whenever Streamlit draws them again.
// Texts written by the app (Markdown, options, tables and the tables' cells read to
// screen readers, the pickers' values) are left alone, so an organisation's name is
// never taken for one of Streamlit's words.
(function () {
  var doc = window.parent ? window.parent.document : document;
  var config = __CONFIG__;
  var NAMES = ["aria-label", "title", "placeholder", "aria-roledescription"];
  var OWN = '[data-testid="stMarkdownContainer"], [role="option"], ' +
    '[data-testid="stCode"], [data-testid="stJson"], [data-testid="stText"], ' +
    '[data-testid="stMetric"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"], ' +
    'table, script, style, textarea';
  // Streamlit's own texts inside those: announcements, the tooltips of its buttons (a
  // widget's help is the app's text, and none of it is one of Streamlit's words) and a
  // picker's "No results" (an option that can never be chosen).
  var STREAMLITS = '[aria-live], [data-testid="stTooltipContent"], ' +
    '[role="option"]:not([aria-selected])';

  // Elements whose names may hold the app's texts: options and tables (the app's Markdown
  // names nothing: its headings' links and help buttons are Streamlit's).
  var OWN_NAMES = '[role="option"][aria-selected], table';

  var patterns = config.patterns.map(function (p) { return [new RegExp("^" + p[0] + "$"), p[1]]; });
  doc.kyodoChrome = {
    lang: config.lang, words: config.words, patterns: patterns, spots: config.spots,
    frames: config.frames
  };

  // Streamlit's text as the page last drew it, for each node and name we replaced.
  var drawn = doc.kyodoChromeDrawn || (doc.kyodoChromeDrawn = new WeakMap());

  function word(source) {
    var c = doc.kyodoChrome, s = source.trim();
    if (!s || s.length > 300) { return null; }
    var w = Object.prototype.hasOwnProperty.call(c.words, s) ? c.words[s] : null;
    for (var i = 0; w === null && i < c.patterns.length; i++) {
      var m = c.patterns[i][0].exec(s);
      if (m) { w = c.patterns[i][1].split("{0}").join(m[1]); }
    }
    return w === null ? null : source.replace(s, function () { return w; });
  }

  function put(node, slot, value, write) {
    var mine = drawn.get(node), was = mine && mine[slot];
    var source = was && was[1] === value ? was[0] : value;
    var shown = word(source);
    if (shown === null) { shown = source; }
    if (shown === value) { return; }
    if (!mine) { mine = {}; drawn.set(node, mine); }
    mine[slot] = [source, shown];
    write(shown);
  }

  function name(el, attr) {
    var value = el.getAttribute(attr);
    if (!value || el.closest(OWN_NAMES)) { return; }
    put(el, attr, value, function (v) { el.setAttribute(attr, v); });
  }

  function text(node) {
    var parent = node.parentElement;
    if (!parent || !/[A-Za-z\u3040-\u30ff\u4e00-\u9fff]/.test(node.nodeValue)) { return; }
    if (parent.closest(OWN) && !parent.closest(STREAMLITS)) { return; }
    put(node, "#text", node.nodeValue, function (v) { node.nodeValue = v; });
  }

  function walk(root) {
    if (root.nodeType === 3) { text(root); return; }
    if (root.nodeType !== 1) { return; }
    var all = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    all.forEach(function (el) {
      NAMES.forEach(function (attr) { if (el.hasAttribute(attr)) { name(el, attr); } });
      el.childNodes.forEach(function (n) { if (n.nodeType === 3) { text(n); } });
    });
  }

  // Places Streamlit fills with a text of its own making (the uploader's size limit and
  // file kinds): the word replaces whatever is there.
  function spots() {
    doc.kyodoChrome.spots.forEach(function (spot) {
      doc.querySelectorAll(spot[0]).forEach(function (el) {
        if (spot[1]) {
          if (el.getAttribute(spot[1]) !== spot[2]) { el.setAttribute(spot[1], spot[2]); }
        } else if (el.textContent !== spot[2]) {
          el.textContent = spot[2];
        }
      });
    });
  }

  // Frames that scroll inside the page take the keyboard's focus, as named regions.
  function frames() {
    doc.kyodoChrome.frames.forEach(function (frame) {
      doc.querySelectorAll(frame[0]).forEach(function (el) {
        if (el.getAttribute("aria-label") === frame[1]) { return; }
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", frame[1]);
      });
    });
  }

  function changed(records) {
    records.forEach(function (r) {
      if (r.type === "childList") { r.addedNodes.forEach(walk); }
      else if (r.type === "attributes") { name(r.target, r.attributeName); }
      else if (r.type === "characterData") { text(r.target); }
    });
    spots();
    frames();
  }

  walk(doc.body);
  spots();
  frames();
  if (!doc.kyodoChromeWatch) {
    doc.kyodoChromeWatch = new MutationObserver(changed);
    doc.kyodoChromeWatch.observe(doc.body, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: NAMES
    });
  }
})();
