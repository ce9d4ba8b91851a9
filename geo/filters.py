"""Filters as values: a frozen dataclass that applies and describes itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.coverage import active_mask
from geo.model import CITYWIDE, ORG_KINDS
from geo.normalise import normalise
from geo.words import Listed, Phrase, phrase


@dataclass(frozen=True)
class OrgFilter:
    """Which organisations to show. An empty set means no restriction.

    Attributes
    ----------
    fields
        Field codes; an organisation active in any of them passes.
    kinds
        Organisation kinds (``council``, ``association``, ``civic_group``).
    areas
        Area ids; an organisation based in or serving any of them passes.
    text
        Words that must all appear in the name (NFKC, case-insensitive).
    """

    fields: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    areas: frozenset[str] = field(default_factory=frozenset)
    text: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(ORG_KINDS)
        if unknown:
            raise ValueError(f"unknown organisation kinds: {sorted(unknown)}")

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.fields or self.kinds or self.areas or self.text.strip())

    def apply(self, orgs: pd.DataFrame) -> pd.DataFrame:
        """The organisations that pass, in their original order (a new frame).

        Parameters
        ----------
        orgs
            As loaded by :func:`geo.io.load_organisations`.
        """
        mask = active_mask(orgs, self.fields)
        if self.kinds:
            mask &= orgs["kind"].isin(self.kinds).to_numpy()
        if self.areas:
            wanted = self.areas
            mask &= np.fromiter(
                (
                    base in wanted or CITYWIDE in served or not wanted.isdisjoint(served)
                    for base, served in zip(orgs["area_id"], orgs["service_areas"], strict=True)
                ),
                dtype=bool,
                count=len(orgs),
            )
        words = [normalise(w) for w in self.text.split() if normalise(w)]
        if words:
            names = [normalise(n) for n in orgs["name"]]
            mask &= np.fromiter(
                (all(w in n for w in words) for n in names), dtype=bool, count=len(orgs)
            )
        return orgs[mask].copy()

    def describe(
        self,
        lang: str = "ja",
        *,
        field_labels: Mapping[str, str] | None = None,
        area_labels: Mapping[str, str] | None = None,
    ) -> str:
        """The filter as a sentence (the catalogue's ``filter.describe.*`` texts).

        Parameters
        ----------
        lang
            ``ja`` or ``en``.
        field_labels, area_labels
            Code -> label in ``lang``; codes are shown as they are when missing.

        Returns
        -------
        For example ``防災・減災 で活動する市民活動団体（湯田、小郡）：名前に「子ども」を含む``.
        """
        return _sentence(self._phrase(field_labels or {}, area_labels or {}), lang)

    def _phrase(self, fl: Mapping[str, str], al: Mapping[str, str]) -> Phrase:
        kinds = tuple(phrase(f"filter.kind.{k}") for k in ORG_KINDS if k in self.kinds)
        who = Listed(kinds, "and") if kinds else phrase("filter.describe.anyone")
        if self.fields:
            codes = sorted(self.fields, key=lambda c: fl.get(c, c))
            fields = Listed(tuple(fl.get(c, c) for c in codes), "dot")
            sentence = phrase("filter.describe.active", who=who, fields=fields)
        else:
            sentence = phrase("filter.describe.all", who=who)
        if self.areas:
            areas = Listed(tuple(al.get(a, a) for a in sorted(self.areas)), "list")
            sentence = phrase("filter.describe.areas", text=sentence, areas=areas)
        name = self.text.strip()
        if name:
            sentence = phrase("filter.describe.name", text=sentence, name=name)
        return sentence

    def describe_coverage(
        self,
        zero_areas: int,
        total_areas: int,
        lang: str = "ja",
        *,
        field_labels: Mapping[str, str] | None = None,
        area_labels: Mapping[str, str] | None = None,
    ) -> str:
        """The filter with its coverage, e.g. ``防災・減災 で活動する団体: 21地域中 4地域で0団体``.

        Parameters
        ----------
        zero_areas
            Areas with no organisation passing the filter.
        total_areas
            Areas considered.
        lang, field_labels, area_labels
            As for :meth:`describe`.
        """
        head = self._phrase(field_labels or {}, area_labels or {})
        counts = {"zero": zero_areas, "total": total_areas}
        return _sentence(phrase("filter.describe.coverage", head=head, **counts), lang)


def _sentence(words: Phrase, lang: str) -> str:
    """``words`` in ``lang``, starting with a capital where the language has them."""
    out = words.text(lang)
    return out[:1].upper() + out[1:]
