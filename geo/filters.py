"""Filters as values: a frozen dataclass that applies and describes itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.coverage import active_mask, gap_summary
from geo.model import CITYWIDE, ORG_KINDS
from geo.normalise import normalise
from geo.words import Listed, Named, Phrase, phrase


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
        Area ids; an organisation based in or serving any of them passes (the
        organisations active in those areas).
    bases
        Area ids (拠点の地域); an organisation based in any of them passes. Which areas
        the explorer's map focuses on is not a filter: its coverage is the whole city's.
    text
        Words that must all appear in the name (NFKC, case-insensitive).
    """

    fields: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    areas: frozenset[str] = field(default_factory=frozenset)
    bases: frozenset[str] = field(default_factory=frozenset)
    text: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(ORG_KINDS)
        if unknown:
            raise ValueError(f"unknown organisation kinds: {sorted(unknown)}")

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.fields or self.kinds or self.areas or self.bases or self.text.strip())

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
        if self.bases:
            mask &= orgs["area_id"].isin(self.bases).to_numpy()
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
        For example ``防災・減災 で活動する市民活動団体（拠点：湯田）：名前に「子ども」を含む``.
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
        if self.bases:
            areas = Listed(tuple(al.get(a, a) for a in sorted(self.bases)), "list")
            sentence = phrase("filter.describe.bases", text=sentence, areas=areas)
        name = self.text.strip()
        if name:
            sentence = phrase("filter.describe.name", text=sentence, name=name)
        return sentence

    def headline(
        self,
        cov: pd.DataFrame,
        *,
        metric: str,
        organisations: int,
        names: Mapping[str, Named],
        field_names: Mapping[str, Named],
        focus: Sequence[str] = (),
    ) -> Phrase:
        """The page's headline: the filter, then its gaps and activity.

        Parameters
        ----------
        cov
            :func:`geo.coverage.coverage` of every area for this filter.
        metric
            What the areas are coloured by.
        organisations
            Organisations covering the areas looked at (:func:`geo.coverage.covering`).
        names, field_names
            Area id and field code -> the name in both languages.
        focus
            The areas looked at (the others greyed on the map); empty for all.

        Returns
        -------
        For example 「子育て支援：空白 1地域（大内）／20地域で 1,033団体が活動」 or
        「防災・減災：活動カバー率が全国平均（84.3%）未満 8地域／21地域の活動カバー率 73.5%」.
        """
        head = self._head(field_names, names, focus)
        rows = cov[cov["area_id"].isin(set(focus))] if focus else cov
        body = gap_summary(rows, metric=metric, organisations=organisations, names=names)
        return phrase("filter.headline", head=head, body=body)

    def _head(
        self, field_names: Mapping[str, Named], names: Mapping[str, Named], focus: Sequence[str]
    ) -> Phrase | Listed:
        head: Phrase | Listed = phrase("filter.headline.all_fields")
        if self.fields:
            order = {c: i for i, c in enumerate(field_names)}
            ordered = sorted(self.fields, key=lambda c: (order.get(c, len(order)), c))
            head = Listed(tuple(field_names.get(c, Named(c, c)) for c in ordered), "dot")
        kinds = tuple(phrase(f"filter.kind.{k}") for k in ORG_KINDS if k in self.kinds)
        if kinds:
            head = phrase("filter.headline.kinds", head=head, kinds=Listed(kinds, "dot"))
        if self.areas:
            active = _areas(sorted(self.areas), names)
            head = phrase("filter.headline.areas", head=head, areas=active)
        if self.bases:
            bases = _areas(sorted(self.bases), names)
            head = phrase("filter.headline.bases", head=head, areas=bases)
        name = self.text.strip()
        if name:
            head = phrase("filter.headline.name", head=head, name=name)
        if focus:
            head = phrase("filter.headline.focus", head=head, areas=_areas(focus, names))
        return head


def _areas(ids: Sequence[str], names: Mapping[str, Named]) -> Listed:
    """Areas named in both languages, as a list."""
    return Listed(tuple(names.get(a, Named(a, a)) for a in ids), "list")


def _sentence(words: Phrase, lang: str) -> str:
    """``words`` in ``lang``, starting with a capital where the language has them."""
    out = words.text(lang)
    return out[:1].upper() + out[1:]
