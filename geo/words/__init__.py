"""The one catalogue of words: every text shown to a person, in Japanese and English.

The core (geo/) returns codes and parameters; pages, the map and the PDF sheet turn
them into words through :func:`text`. Each topic keeps its texts in a module of this
package; they are merged here, and a key defined twice is an error. Placeholders use
:meth:`str.format` names (with an optional format spec, e.g. ``{share:.0%}``); every
language of a key has the same placeholders.

A parameter may itself wait for a language: a :class:`Phrase` (another catalogue
text), a :class:`Named` (a name the data gives in both languages, such as an area's)
or a :class:`Listed` (items joined the language's way). :func:`text` puts each in the
language asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from string import Formatter

from geo.words.a11y import A11Y_MESSAGES
from geo.words.app import APP_MESSAGES
from geo.words.center import CENTER_MESSAGES
from geo.words.chrome import CHROME_MESSAGES
from geo.words.common import COMMON_MESSAGES
from geo.words.coverage import COVERAGE_MESSAGES
from geo.words.fields import FIELD_MESSAGES
from geo.words.filters import FILTER_MESSAGES
from geo.words.kiosk import KIOSK_MESSAGES
from geo.words.map import MAP_MESSAGES
from geo.words.matching import MATCHING_MESSAGES
from geo.words.opendata import OPENDATA_MESSAGES
from geo.words.orgs import ORG_MESSAGES
from geo.words.partners import PARTNER_MESSAGES
from geo.words.problems import PROBLEM_MESSAGES
from geo.words.profile import PROFILE_MESSAGES
from geo.words.realdata import REALDATA_MESSAGES
from geo.words.settings import SETTINGS_MESSAGES
from geo.words.sheet import SHEET_MESSAGES
from geo.words.sources import SOURCE_MESSAGES
from geo.words.staff import STAFF_MESSAGES
from geo.words.templates import TEMPLATE_MESSAGES
from geo.words.vocab import VOCAB_MESSAGES

#: The languages every text exists in, the first being the default.
LANGS = ("ja", "en")


def _merge(*parts: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        clash = set(merged) & set(part)
        if clash:
            raise ValueError(f"message keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


#: The one catalogue: every topic's texts merged.
MESSAGES: Mapping[str, Mapping[str, str]] = _merge(
    A11Y_MESSAGES,
    APP_MESSAGES,
    CENTER_MESSAGES,
    CHROME_MESSAGES,
    COMMON_MESSAGES,
    COVERAGE_MESSAGES,
    FIELD_MESSAGES,
    FILTER_MESSAGES,
    KIOSK_MESSAGES,
    MATCHING_MESSAGES,
    ORG_MESSAGES,
    OPENDATA_MESSAGES,
    MAP_MESSAGES,
    PARTNER_MESSAGES,
    PROBLEM_MESSAGES,
    PROFILE_MESSAGES,
    REALDATA_MESSAGES,
    SHEET_MESSAGES,
    SOURCE_MESSAGES,
    SETTINGS_MESSAGES,
    STAFF_MESSAGES,
    TEMPLATE_MESSAGES,
    VOCAB_MESSAGES,
)


# --- values that wait for a language ---------------------------------------------------


class Params(Mapping[str, object]):
    """The parameters of a text: a frozen, hashable mapping (in key order).

    Parameters
    ----------
    values
        Name -> value; values should be hashable (numbers, text, :class:`Named` …).
    """

    __slots__ = ("_items",)

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._items: tuple[tuple[str, object], ...] = tuple(sorted((values or {}).items()))

    def __getitem__(self, key: str) -> object:
        for name, value in self._items:
            if name == key:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self._items) == dict(other.items())

    def __repr__(self) -> str:
        return f"Params({dict(self._items)!r})"

    def __reduce__(self) -> tuple[type[Params], tuple[dict[str, object]]]:
        return Params, (dict(self._items),)


@dataclass(frozen=True)
class Named:
    """A name the data gives in both languages (an area, a field of activity)."""

    ja: str
    en: str

    def in_lang(self, lang: str) -> str:
        """The name in ``lang`` (Japanese when unknown)."""
        return pick(lang, self.ja, self.en)


@dataclass(frozen=True)
class Listed:
    """Items shown as one list, joined by the language's separator ``sep.<sep>``."""

    items: tuple[object, ...]
    sep: str = "list"


@dataclass(frozen=True)
class Phrase:
    """A catalogue text kept as its key and parameters until a language is chosen.

    Raises
    ------
    KeyError
        When ``key`` is not in the catalogue.
    ValueError
        When ``params`` do not name exactly the text's placeholders.
    """

    key: str
    params: Mapping[str, object] = field(default_factory=Params)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", Params(self.params))
        wanted = placeholders(self.key)
        if wanted != frozenset(self.params):
            raise ValueError(f"{self.key} takes {sorted(wanted)}, was given {sorted(self.params)}")

    def text(self, lang: str = "ja") -> str:
        """The text in ``lang``."""
        return text(self.key, lang, **self.params)


def phrase(key: str, /, **params: object) -> Phrase:
    """A :class:`Phrase` of ``key`` with ``params`` (checked against its placeholders)."""
    return Phrase(key, params)


def pick(lang: str, ja: str, en: str) -> str:
    """One of a pair of texts the data gives in both languages (Japanese when unknown)."""
    return {"ja": ja, "en": en}.get(lang, ja)


def localise(value: object, lang: str) -> object:
    """``value`` put in ``lang`` when it waits for a language; otherwise as it is."""
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, Named):
        return value.in_lang(lang)
    if isinstance(value, Listed):
        sep = text(f"sep.{value.sep}", lang)
        return sep.join(str(localise(item, lang)) for item in value.items)
    return value


# --- looking texts up ------------------------------------------------------------------


#: The ending of a text's key for a count of one (``n=1``): ``table.count_one`` is used
#: for 「1 organisation」 where ``table.count`` says 「2 organisations」. A singular form
#: holds only the languages whose words change (English); the others use the plural's.
ONE = "_one"


def _singular(key: str) -> bool:
    """Whether ``key`` is the singular form of another text."""
    return key.endswith(ONE) and key.removesuffix(ONE) in MESSAGES


def counted(key: str, lang: str, n: object) -> str:
    """``key``, or its :data:`ONE` form when ``n`` is 1 and the catalogue has that form
    in ``lang``: the key whose text counts ``n``."""
    if n == 1 and lang in MESSAGES.get(key + ONE, {}):  # 「1 organisation」
        return key + ONE
    return key


def text(key: str, lang: str = "ja", /, **params: object) -> str:
    """The text for ``key`` in ``lang`` (Japanese when unknown), formatted with ``params``.

    Parameters
    ----------
    key
        A catalogue key, e.g. ``"gap.reason.no_organisation"``.
    lang
        ``ja`` or ``en``.
    **params
        Values for the text's ``{placeholders}``; a :class:`Phrase`, :class:`Named` or
        :class:`Listed` is put in ``lang`` first. With ``n=1``, the text of ``key``'s
        :data:`ONE` form where the catalogue has one in ``lang``.

    Raises
    ------
    KeyError
        When ``key`` is not in the catalogue.
    """
    texts = MESSAGES[counted(key, lang, params["n"]) if "n" in params else key]
    chosen = texts.get(lang) or texts["ja"]
    if not params:
        return chosen
    return chosen.format(**{name: localise(value, lang) for name, value in params.items()})


def has(key: str) -> bool:
    """True when ``key`` is in the catalogue."""
    return key in MESSAGES


def _names(template: str) -> frozenset[str]:
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in Formatter().parse(template)
        if name is not None
    )


@functools.cache
def placeholders(key: str, lang: str | None = None) -> frozenset[str]:
    """The placeholder names of ``key``'s text in ``lang`` (of all languages when ``None``).

    Raises
    ------
    KeyError
        When ``key`` is not in the catalogue.
    """
    entry = MESSAGES[key]
    langs = LANGS if lang is None else (lang,)
    return frozenset().union(*(_names(entry.get(lg, "")) for lg in langs))


def missing_translations() -> list[str]:
    """Keys lacking a text in any language (the tests keep this empty); a singular form
    (:data:`ONE`) needs only one."""
    return [
        k
        for k, texts in MESSAGES.items()
        if any(not texts.get(lang) for lang in LANGS)
        and not (_singular(k) and any(texts.get(lang) for lang in LANGS))
    ]


def mismatched_placeholders() -> list[str]:
    """Keys whose languages do not have the same placeholders (the tests keep this empty);
    a singular form's against its plural's."""
    return [
        key
        for key in MESSAGES
        if len({placeholders(key, lang) for lang in LANGS if lang in MESSAGES[key]}) != 1
        or (_singular(key) and placeholders(key) != placeholders(key.removesuffix(ONE)))
    ]


__all__ = [
    "LANGS",
    "MESSAGES",
    "ONE",
    "Listed",
    "Named",
    "Params",
    "Phrase",
    "has",
    "localise",
    "mismatched_placeholders",
    "missing_translations",
    "phrase",
    "pick",
    "placeholders",
    "text",
]
