"""Streamlit's own words in the page's language (``ui.chrome``): the catalogue's words,
the patterns the page script matches, and the script itself. The browser tests check
the words on the page (``tests/browser/test_accessibility.py``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit

from geo.words import MESSAGES
from geo.words.chrome import CHROME_EN_SHOWN
from ui.chrome import FRAMES, SPOTS, _pattern, chrome_keys, script, words

#: Streamlit's words that its bundle builds from pieces (a number, a kind of mark): each
#: with the pieces that must be in it.
BUILT = {
    "1 result available": (" available",),
    "1 result": ("result",),
    "group mark container": (" mark container",),
    "rect mark container": (" mark container",),
    "text mark container": (" mark container",),
    "text mark": (" mark",),
    "Press Enter to apply": ("Press Enter to ", "apply"),
    "Press Enter to submit form": ("Press Enter to ", "submit form"),
    "The page that you have requested does not seem to exist. Running the app's main page.": (
        "The page that you have requested does not seem to exist",
        ". Running the app's main page.",
    ),
}


@pytest.fixture(scope="module")
def bundle() -> str:
    """Streamlit's page scripts, as installed, and the text it sends for an error whose
    details it keeps from the page."""
    from streamlit.elements import exception

    root = Path(streamlit.__file__).parent / "static"
    scripts = "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in root.rglob("*.js"))
    return scripts + "\n" + exception._GENERIC_UNCAUGHT_EXCEPTION_TEXT


def test_every_word_is_in_the_catalogue_in_both_languages() -> None:
    keys = chrome_keys()
    assert len(keys) > 60
    for key in keys:
        ja, en = MESSAGES[key]["ja"], MESSAGES[key]["en"]
        assert ja != en, key
        assert en.count("{0}") <= 1 and ja.count("{0}") == en.count("{0}"), key
        assert re.search(r"[ぁ-んァ-ヶ一-龠]", ja), key


def test_the_words_are_streamlit_s_own(bundle: str) -> None:
    """A new Streamlit that words a part differently fails here, not silently on the page."""
    plain, numbered = words("ja")
    for source in plain:
        pieces = BUILT.get(source, (source,))
        assert all(p in bundle for p in pieces), source
    assert "Made with Streamlit" in bundle
    assert [p for p, _ in numbered]


def test_an_english_page_keeps_streamlit_s_words_but_those_for_the_developer() -> None:
    plain, numbered = words("en")
    redacted, missing, named = (
        MESSAGES[f"chrome.{k}"]["en"]
        for k in ("error.redacted", "page_not_found.text", "page_not_found.named")
    )
    assert plain == {
        redacted: CHROME_EN_SHOWN["chrome.error.redacted"],
        missing: CHROME_EN_SHOWN["chrome.page_not_found.text"],
    }
    assert numbered == [(_pattern(named), CHROME_EN_SHOWN["chrome.page_not_found.named"])]
    assert not any("Streamlit" in shown or "pages/" in shown for shown in CHROME_EN_SHOWN.values())
    assert set(CHROME_EN_SHOWN) <= set(chrome_keys())


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("28 options available.", "選択肢が28件あります。"),
        ("3 results available", "該当3件"),
        ("12 results", "12件一致"),
        ("0 results", "0件一致"),
        ("Press Ctrl+Enter to apply", "Ctrl+Enter キーで反映"),
        ("Press ⌘+Enter to submit form", "⌘+Enter キーで送信"),
        ("Remove 防災・減災", "防災・減災 を外す"),
        ("Remove 自治会 一覧.csv", "自治会 一覧.csv を外す"),
        ("File must be 20.0MB or smaller.", "ファイルは 20.0MB までです"),
        (
            "application/vnd.ms-excel files are not allowed.",
            "この種類のファイルは選べません（application/vnd.ms-excel）",
        ),
        (
            "You have requested page /import, but no corresponding file was found in the app's "
            "pages/ directory. Running the app's main page.",
            "お探しのページ（/import）はありません。最初のページを表示します。",
        ),
    ],
)
def test_words_with_a_number(shown: str, expected: str) -> None:
    """The patterns as the page script reads them (JavaScript's syntax is the same here)."""
    _, numbered = words("ja")
    found = [
        word.replace("{0}", m.group(1))
        for pattern, word in numbered
        if (m := re.fullmatch(pattern, shown))
    ]
    assert found[:1] == [expected]


@pytest.mark.parametrize(
    "shown", ["results", "Made with Streamlit", "many results here", "x.y", "Press Enter to apply"]
)
def test_a_pattern_matches_whole_words_only(shown: str) -> None:
    _, numbered = words("ja")
    assert not [p for p, _ in numbered if re.fullmatch(p, shown)]


def _config(page_script: str) -> dict[str, object]:
    body = page_script.split("var config = ", 1)[1].split(";\n", 1)[0]
    loaded: dict[str, object] = json.loads(body)
    return loaded


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_script_carries_the_language_s_words(lang: str) -> None:
    page_script = script(lang)
    assert page_script.startswith("<script>") and page_script.rstrip().endswith("</script>")
    assert page_script.count("</script>") == 1
    config = _config(page_script)
    assert config["lang"] == lang
    assert config["words"] == words(lang)[0]
    spots = config["spots"]
    assert isinstance(spots, list) and len(spots) == len(SPOTS)
    uploader_words = {MESSAGES[key][lang] for _, _, key in SPOTS}
    assert {spot[2] for spot in spots} == uploader_words
    # an area's long lists, as regions the keyboard scrolls, named in the page's language
    assert config["frames"] == [[sel, MESSAGES[key][lang]] for sel, key in FRAMES]
    assert {sel.split("[")[0] for sel, _ in FRAMES} == {
        ".st-key-area-list-associations",
        ".st-key-area-list-civic-groups",
    }


def test_the_script_cannot_be_closed_by_a_word() -> None:
    """No word can end the script early: ``</`` is written ``<\\/`` inside it."""
    page_script = script("ja")
    inner = page_script[len("<script>") : page_script.rindex("</script>")]
    assert "</" not in inner
