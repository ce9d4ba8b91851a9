from __future__ import annotations

import pytest

from tests.support.markdown import dangers
from ui.text import kept_together, md_literal

J = "\u2060"  # the word joiner that keeps bare addresses and codes from being found


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("サンプル福祉の会", "サンプル福祉の会"),
        ("**bold**", r"\*\*bold\*\*"),
        ("[x](javascript:alert(1))", rf"\[x\]\(javascript\:{J}alert\(1\)\)"),
        ("![t](http://evil.example/t.png)", rf"\!\[t\]\(http\:{J}//evil\.example/t\.png\)"),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        (":red[x]", rf"\:{J}red\[x\]"),
        ("$x$", r"\$x\$"),
        ("https://evil.example", rf"https\:{J}//evil\.example"),
        ("www.evil.example", rf"www{J}\.evil\.example"),
        ("staff@evil.example", rf"staff{J}@evil\.example"),
        (":smile: :material/home:", rf"\:{J}smile\: \:{J}material/home\:"),
        ("a\nb", "a b"),
        (None, ""),
        # direction controls would turn the page's own sentence around the value
        ("\u202eいさだく話電お", "いさだく話電お"),
        ("\u2067湯田\u2069\u200f", "湯田"),
        # other controls go too (a NUL shows as 「�」); line breaks and tabs read as spaces
        ("\x00\r\nab\x07", "ab"),
        ("湯\x00田\t会\u2028館", "湯田 会 館"),
    ],
)
def test_md_literal(raw: object, escaped: str) -> None:
    assert md_literal(raw) == escaped


@pytest.mark.parametrize(
    "hostile",
    [
        "[★公式のお知らせ](https://evil.example/a)",
        "![x](https://evil.example/x.png)",
        '<img src=x onerror="alert(1)">',
        "${7*7} `rm -rf` $x^2$",
        ":red[警告] :material/home: :smile:",
        "https://evil.example www.evil.example staff@evil.example",
        "<https://evil.example> <staff@evil.example>",
        "    indented\n```\nfenced\n```",
    ],
)
def test_what_markdown_would_make_of_it_is_text(hostile: str) -> None:
    assert dangers(hostile)  # as written, Markdown makes something of it
    assert dangers(md_literal(hostile)) == []


@pytest.mark.parametrize(
    ("label", "parts"),
    [
        ("秋穂二島", ["秋穂二島"]),
        ("防災・減災", ["防災・", "減災"]),
        ("移動支援・買い物支援", ["移動支援・", "買い物支援"]),
        ("Crime prevention & road", ["Crime", " ", "prevention", " ", "&", " ", "road"]),
        ("Aio-Futajima", ["Aio-Futajima"]),
        ("保健、医療", ["保健、", "医療"]),
        ("子育て支援で活動／NPO法人", ["子育て支援で活動／", "NPO法人"]),
        ("人口（令和2年国勢調査）", ["人口", "（令和2年国勢調査）"]),
        ("距離（km）", ["距離", "（km）"]),
        ("Distance (km)", ["Distance", " ", "(km)"]),
        ("", [""]),
    ],
)
def test_kept_together_wraps_only_between_words(label: str, parts: list[str]) -> None:
    """Word joiners between the characters of each word: a table may wrap the label
    only where ``parts`` meet, and it reads as written."""
    joined = kept_together(label)
    assert joined.replace("\u2060", "") == label
    assert [p.replace("\u2060", "") for p in _wrap_points(joined)] == parts


def _wrap_points(text: str) -> list[str]:
    """``text`` cut where no word joiner stands between two characters."""
    parts, start = [], 0
    for i in range(1, len(text)):
        if text[i] != "\u2060" and text[i - 1] != "\u2060":
            parts.append(text[start:i])
            start = i
    return [*parts, text[start:]]


def test_a_label_kept_together_twice_is_kept_once() -> None:
    once = kept_together("自治会・町内会")
    assert kept_together(once) == once
