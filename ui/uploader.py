"""Streamlit's file uploader in the page's language.

The uploader writes its button ("Upload"), its line of instructions ("20MB per file •
CSV, …") and its hidden file field's name ("file upload") in English, with no setting
for another language. :func:`localise` puts the catalogue's words in their place with a
small script (``st.html``, as :mod:`ui.a11y` sets the page's language), for the eye and
for screen readers alike; it also fixes uploaders drawn later (a watcher of the page).
The size limit and the kinds of file are in each uploader's own label and caption.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import t

_SCRIPT = """
<script>
(function () {
  var doc = window.parent ? window.parent.document : document;
  doc.kyodoUploadWords = %(words)s;
  function fix() {
    var w = doc.kyodoUploadWords;
    doc.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach(function (zone) {
      var label = zone.querySelector('button [data-testid="stMarkdownContainer"] p');
      var hint = zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
      var field = zone.querySelector('input[type="file"]');
      if (label && label.textContent !== w.button) { label.textContent = w.button; }
      if (hint && hint.textContent !== w.drop) { hint.textContent = w.drop; }
      if (field && field.getAttribute("aria-label") !== w.field) {
        field.setAttribute("aria-label", w.field);
      }
    });
  }
  fix();
  if (!doc.kyodoUploadWatch) {
    doc.kyodoUploadWatch = new MutationObserver(fix);
    doc.kyodoUploadWatch.observe(doc.body, {childList: true, subtree: true, characterData: true});
  }
})();
</script>
"""


def script(button: str, drop: str, field: str) -> str:
    """The script that writes ``button``, ``drop`` and ``field`` into every uploader."""
    words = json.dumps({"button": button, "drop": drop, "field": field})
    return _SCRIPT % {"words": words.replace("</", "<\\/")}


def localise() -> None:
    """Show every file uploader of this page in the session's language."""
    st.html(
        script(t("upload.button"), t("upload.drop"), t("upload.field")),
        unsafe_allow_javascript=True,
    )


__all__ = ["localise", "script"]
