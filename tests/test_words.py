"""The one catalogue of words: complete, consistent, and covering every code the core uses.

The core names problems, gap reasons, hazards, profile labels and match reasons by
codes; every code must have its words in both languages, with the same placeholders.
Problem codes are read from the source (every literal given to ``Problem``, ``Finding``
or a reader's refusal), so a new code without words fails here, not on a page.
"""

from __future__ import annotations

import ast
import datetime as dt
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.coverage import GAP_REASONS, METRICS
from geo.errors import DataValidationError, Finding, Problem
from geo.fields import NEEDS, NPO_FIELDS, npo_code
from geo.matching import LEGAL_ENTITIES, REASON_CODES
from geo.model import CONFIDENCE, HAZARDS, ORG_KINDS
from geo.profile import TABLE_LABELS, UNITS
from geo.words import (
    LANGS,
    MESSAGES,
    ONE,
    Listed,
    Named,
    Params,
    Phrase,
    has,
    mismatched_placeholders,
    missing_translations,
    phrase,
    pick,
    placeholders,
    text,
)
from tests.conftest import ROOT

#: Calls that name a problem code, and the position of the code among their arguments.
CODE_ARGUMENT = {"Problem": 4, "Finding": 1, "unreadable": 1}
#: Where the core builds problems.
PRODUCERS = ("geo", "ui")


def _sources(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _code_arguments() -> list[tuple[str, ast.expr]]:
    """(where, expression) of every argument that names a problem code."""
    found = []
    for path in _sources(*PRODUCERS):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in CODE_ARGUMENT:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            position = CODE_ARGUMENT[_name(node)]
            if len(node.args) > position:
                found.append((where, node.args[position]))
            found += [(where, k.value) for k in node.keywords if k.arg == "code"]
    return found


def _literal_codes() -> dict[str, str]:
    """Code -> where it is used, for every code written as a literal."""
    codes: dict[str, str] = {}
    for where, expr in _code_arguments():
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            codes.setdefault(expr.value, where)
    return codes


def _string_constants() -> set[str]:
    """Every string literal of the core (codes kept in tables included)."""
    out = set()
    for path in _sources(*PRODUCERS):
        if "words" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


# --- the catalogue itself ----------------------------------------------------------------


def test_every_text_has_both_languages() -> None:
    assert missing_translations() == []


def test_every_text_has_the_same_placeholders_in_both_languages() -> None:
    assert mismatched_placeholders() == []


@pytest.mark.parametrize(
    ("template", "names"),
    [
        ("{n}行目", {"n"}),
        ("{share:.0%}未満", {"share"}),
        ("{date.year}年{date.month}月", {"date"}),
        ("{header!r}", {"header"}),
        ("{{literal}}", set()),
    ],
)
def test_placeholders_are_read_like_str_format(
    monkeypatch: pytest.MonkeyPatch, template: str, names: set[str]
) -> None:
    monkeypatch.setitem(MESSAGES, "test.template", {"ja": template, "en": template})
    placeholders.cache_clear()
    try:
        assert placeholders("test.template") == names
    finally:
        placeholders.cache_clear()


# --- problems ----------------------------------------------------------------------------


def test_the_source_is_read() -> None:
    codes = _literal_codes()
    assert len(codes) > 60, codes
    assert {"missing_column", "encoding", "too_long", "outside_city"} <= set(codes)


def test_every_problem_code_in_the_source_has_words() -> None:
    missing = {c: where for c, where in _literal_codes().items() if not has(f"problem.{c}")}
    assert missing == {}


def test_every_problem_with_words_is_produced() -> None:
    constants = _string_constants()
    unused = [k for k in MESSAGES if k.startswith("problem.") and k[8:] not in constants]
    assert unused == []


def test_no_problem_code_is_built_from_words() -> None:
    built = [
        where for where, expr in _code_arguments() if isinstance(expr, ast.JoinedStr | ast.BinOp)
    ]
    assert built == []


@pytest.mark.parametrize(
    ("code", "params", "ja", "en"),
    [
        ("duplicate", {"row": 3}, "3行目と重複しています", "duplicate of row 3"),
        ("too_long", {"limit": 200}, "200文字を超えています", "longer than 200 characters"),
        ("below_minimum", {"minimum": 0.0}, "0 より小さい値です", "below 0"),
        (
            "same_column",
            {"header": "名称", "position": 4},
            "左から4列目：「名称」と同じ意味の列です。どちらかを削除してください",
            "column 4 from the left: the same column as '名称': keep one of them",
        ),
        (
            "other_kind_id",
            {"kind": phrase("kind.one.council")},
            "別の種類（地域づくり協議会）の団体の ID です",
            "this id belongs to another kind of organisation (area council)",
        ),
        (
            "unplaced",
            {"city": Named("山口市", "Yamaguchi City")},
            "住所から山口市内の位置が分かりません。住所を確かめるか、緯度・経度を入れてください",
            "the address cannot be placed in Yamaguchi City: check it or give 緯度/経度",
        ),
    ],
)
def test_a_problem_in_both_languages(
    code: str, params: dict[str, object], ja: str, en: str
) -> None:
    problem = Problem("list.csv", 2, "団体名", "x", code, params)
    assert problem.reason("ja") == ja
    assert problem.reason("en") == en
    assert problem.reason() == en
    assert str(problem) == f"list.csv, row 2, column '団体名': {en} (value 'x')"


@pytest.mark.parametrize(
    ("code", "params", "error"),
    [
        ("no_such_code", {}, KeyError),
        ("duplicate", {}, ValueError),
        ("duplicate", {"row": 1, "extra": 2}, ValueError),
        ("empty", {"row": 1}, ValueError),
    ],
)
def test_a_problem_must_match_its_words(
    code: str, params: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Problem("a.csv", 1, None, "", code, params)
    with pytest.raises(error):
        Finding("", code, params)


def test_problems_are_frozen_hashable_values() -> None:
    a = Problem("a.csv", 1, "x", "v", "duplicate", {"row": 1})
    b = Problem("a.csv", 1, "x", "v", "duplicate", Params({"row": 1}))
    assert a == b and hash(a) == hash(b)
    assert a.params == {"row": 1}
    assert len({a, b}) == 1
    assert pickle.loads(pickle.dumps(a)) == a
    assert Finding("v", "duplicate", {"row": 1}).at("a.csv", 1, "x") == a


def test_the_error_lists_problems_in_english() -> None:
    problems = [Problem("a.csv", i, "x", "", "empty") for i in range(1, 53)]
    message = str(DataValidationError(problems))
    assert message.startswith("52 problems found:\na.csv, row 1, column 'x': value is empty")
    assert message.endswith("… and 2 more problems")


# --- every code the core returns has its words -------------------------------------------

CODES = [
    *(f"gap.reason.{c}" for c in GAP_REASONS),
    *(f"hazard.{h}" for h in HAZARDS),
    *(f"hazard.{h}.short" for h in HAZARDS),
    *(f"profile.{c}" for c in TABLE_LABELS),
    *(f"profile.unit.{u}" for u in UNITS),
    *(f"profile.confidence.{c}" for c in CONFIDENCE),
    *(f"match.reason.{c}" for c in REASON_CODES),
    *(f"match.legal.{f}" for f in LEGAL_ENTITIES),
    *(f"kind.{k}" for k in ORG_KINDS),
    *(f"kind.one.{k}" for k in ORG_KINDS),
    *(f"kind.each.{k}" for k in ORG_KINDS),
    *(f"filter.kind.{k}" for k in ORG_KINDS),
    *(f"metric.{m}" for m in METRICS),
    *(f"field.{c}" for c in NEEDS),
    *(f"field.{npo_code(n)}" for n in range(1, NPO_FIELDS + 1)),
    *(f"app.lang.{lang}" for lang in LANGS),
]


@pytest.mark.parametrize("key", CODES)
def test_every_code_has_words_in_both_languages(key: str) -> None:
    assert has(key)
    assert all(MESSAGES[key].get(lang) for lang in LANGS)


def test_hazards_have_one_official_and_one_short_name() -> None:
    assert text("hazard.landslide", "ja") == "崖崩れ・土石流・地滑り"
    assert text("hazard.landslide.short", "ja") == "土砂災害"


# --- phrases: words waiting for a language -----------------------------------------------


def test_a_phrase_puts_its_parameters_in_the_language() -> None:
    area = Named("湯田", "Yuda")
    fields = Listed((Named("防災・減災", "Disaster preparedness"), "まちづくり"), "dot")
    mapped = phrase("match.reason.mapped", fields=fields, need=area)
    assert mapped.text("ja") == "防災・減災、まちづくりで活動（湯田に対応）"
    assert mapped.text("en") == "active in Disaster preparedness, まちづくり (counts for Yuda)"
    nested = phrase("match.needing.reason", field=area, reason=phrase("gap.reason.no_organisation"))
    assert nested.text("en") == "Yuda: no organisation is active here"


def test_a_phrase_is_a_hashable_value() -> None:
    a = phrase("match.reason.confirmed", date=dt.date(2026, 4, 1))
    b = Phrase("match.reason.confirmed", {"date": dt.date(2026, 4, 1)})
    assert a == b and hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
    assert a.text("ja") == "最終確認 2026-04"


@pytest.mark.parametrize(("lang", "expected"), [("ja", "湯田"), ("en", "Yuda"), ("fr", "湯田")])
def test_pick_chooses_one_of_a_pair(lang: str, expected: str) -> None:
    assert pick(lang, "湯田", "Yuda") == expected


# --- no words chosen by a language test outside the catalogue ------------------------------

#: Modules converted by others as they move (their words leave with them).
NOT_YET = ("geo/mapping.py", "geo/map/")


def _language_tests(path: Path) -> list[int]:
    """Lines of ``x if lang == "en" else y`` (any test of a language against a literal)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.IfExp) or not isinstance(node.test, ast.Compare):
            continue
        sides = [node.test.left, *node.test.comparators]
        if any(isinstance(s, ast.Constant) and s.value in LANGS for s in sides):
            lines.append(node.lineno)
    return lines


def test_no_language_ternaries_outside_the_catalogue() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in _sources("geo", "ui", "pages")
        if not str(path.relative_to(ROOT)).startswith(NOT_YET)
        for lines in [_language_tests(path)]
        if lines
    }
    assert found == {}


@pytest.mark.parametrize(
    ("key", "params", "one", "two"),
    [
        ("table.count", {}, "1 organisation", "2 organisations"),
        ("staff.problems", {}, "1 problem found.", "2 problems found."),
        ("map.label.count", {}, "1 group", "2 groups"),
        ("partners.count", {"need": "x", "area": "y"}, "1 candidate partner for x in y", None),
        (
            "a11y.summary.gaps",
            {"total": "21"},
            "1 of 21 areas is a gap.",
            "2 of 21 areas are gaps.",
        ),
    ],
)
def test_a_count_of_one_is_said_in_the_singular(
    key: str, params: dict[str, str], one: str, two: str | None
) -> None:
    assert text(key, "en", n=1, **params) == one
    if two is not None:
        assert text(key, "en", n=2, **params) == two
    assert text(key, "ja", n=1, **params) == MESSAGES[key]["ja"].format(n=1, **params)


def test_every_singular_form_has_its_plural_and_the_same_placeholders() -> None:
    for key in MESSAGES:  # (Streamlit's own words, chrome.*, are matched as they are)
        if key.endswith(ONE) and not key.startswith("chrome."):
            plural = key.removesuffix(ONE)
            assert plural in MESSAGES, key
            assert placeholders(key) == placeholders(plural), key
            assert "n" in placeholders(key), key


#: A number, then a space, then its counter or a comparison: 「12 団体」, 「84.3% 未満」.
_NUMBER_APART = re.compile(
    r"(?:\{[A-Za-z0-9_]+(?::[^}]*)?\}|\d)[ \u3000]+"
    r"(?:団体|点|件|列|行|か所|か月|個|枚|未満|以上|世帯|人|地域)"
)


def test_a_number_and_its_counter_are_written_together_in_japanese() -> None:
    """「984団体」 on the headline, 「121 団体」 on the map, 「84.3% 未満」 in a reason."""
    apart = {k: t["ja"] for k, t in MESSAGES.items() if _NUMBER_APART.search(t.get("ja", ""))}
    assert apart == {}
