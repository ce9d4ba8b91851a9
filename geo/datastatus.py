"""データの状況: how much of each kind of organisation is real, and what is still sample.

For each kind — 地域づくり協議会, 自治会・町内会, 市民活動団体, and the NPO法人 among the
civic groups (legal form ``npo_corp``) — a :class:`KindStatus` counts the active rows
that are real and those that are sample, where they came from (``source``, see
:data:`geo.model.ORG_SOURCES`) and the last import of a list of that kind (when, who,
which file). The registry fills them from its tables
(:func:`geo.registry.datastatus.data_status`); without a registry,
:func:`frame_status` counts the loaded organisations (all from the bundled file).

:func:`sample_kinds` and :func:`sample_banner` say which kinds of the organisations on a
page are still sample, for the public banner: it names only those, and is ``None`` when
none is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from geo.model import ORG_KINDS
from geo.words import Listed, Phrase, phrase

#: The rows of the data status, in order: the kinds, then the NPO法人 among civic groups.
STATUS_KINDS = (*ORG_KINDS, "npo")
#: The legal form that makes a civic group an NPO法人.
NPO_FORM = "npo_corp"


@dataclass(frozen=True)
class LastImport:
    """The last import of a list of one kind.

    Attributes
    ----------
    at
        When (ISO 8601, UTC).
    who
        The editor (staff views only).
    file
        The file's name.
    action
        ``import`` (a staff list) or ``import-npo`` (the national NPO法人 file).
    """

    at: str
    who: str
    file: str
    action: str

    def public(self) -> LastImport:
        """The same without the editor's name (for public pages)."""
        return LastImport(self.at, "", self.file, self.action)


@dataclass(frozen=True)
class KindStatus:
    """The state of one kind of organisation.

    Attributes
    ----------
    kind
        One of :data:`STATUS_KINDS`.
    real, sample
        Active organisations that are real, and those that are sample data.
    sources
        Active organisations per source (:data:`geo.model.ORG_SOURCES`), largest first.
    last_import
        The last import of a list of this kind, or ``None``.
    """

    kind: str
    real: int
    sample: int
    sources: Mapping[str, int] = field(default_factory=dict)
    last_import: LastImport | None = None

    @property
    def is_sample(self) -> bool:
        """Whether any active row of the kind is still sample data."""
        return self.sample > 0

    def public(self) -> KindStatus:
        """The same without the editor's name (for public pages)."""
        last = self.last_import.public() if self.last_import else None
        return KindStatus(self.kind, self.real, self.sample, self.sources, last)


def kind_masks(orgs: pd.DataFrame) -> dict[str, pd.Series]:
    """The rows of each of :data:`STATUS_KINDS` in ``orgs`` (``kind`` and ``legal_form``
    columns)."""
    masks = {k: orgs["kind"] == k for k in ORG_KINDS}
    masks["npo"] = (orgs["kind"] == "civic_group") & (orgs["legal_form"] == NPO_FORM)
    return masks


def _is_sample(orgs: pd.DataFrame) -> pd.Series:
    column = orgs["is_sample"]
    if column.dtype == bool:
        return column
    return column.astype(str).str.lower() == "true"


def frame_status(orgs: pd.DataFrame, *, source: str = "seed") -> tuple[KindStatus, ...]:
    """The status of loaded organisations that all come from one ``source`` (the bundled
    ``organisations.csv`` when no registry is in use); no import is known."""
    sample = _is_sample(orgs)
    out = []
    for kind, mask in kind_masks(orgs).items():
        n_sample = int((mask & sample).sum())
        n_real = int((mask & ~sample).sum())
        total = n_sample + n_real
        out.append(KindStatus(kind, n_real, n_sample, {source: total} if total else {}))
    return tuple(out)


#: Kinds that hold sample rows, each with whether only some of its rows are sample.
SampleKinds = tuple[tuple[str, bool], ...]


def sample_kinds(orgs: pd.DataFrame) -> SampleKinds:
    """The kinds of ``orgs`` that hold sample rows, each with whether it is only partly
    sample (some of its rows are real), in the order of :data:`geo.model.ORG_KINDS`."""
    if not len(orgs):
        return ()
    sample = _is_sample(orgs)
    return kinds_of_sample(
        (kind, int((mask & sample).sum()), int(mask.sum()))
        for kind, mask in ((k, orgs["kind"] == k) for k in ORG_KINDS)
    )


def kinds_of_sample(counts: Iterable[tuple[str, int, int]]) -> SampleKinds:
    """:func:`sample_kinds` from ``(kind, sample rows, all rows)`` counted elsewhere (an
    area's profile), in the order given; kinds with no sample row left out."""
    return tuple((kind, n_sample < n_all) for kind, n_sample, n_all in counts if n_sample)


def _and(items: list[Phrase]) -> object:
    """Items joined as a list whose last two are joined by "and" (と)."""
    if len(items) == 1:
        return items[0]
    head: object = items[0] if len(items) == 2 else Listed(tuple(items[:-1]), "kinds")
    return Listed((head, items[-1]), "kinds_last")


def sample_banner(orgs: pd.DataFrame | SampleKinds) -> Phrase | None:
    """The public banner for the organisations on a page, a sheet or in a download: the
    kinds still sample (given, or found in ``orgs``), or ``None`` when none is (e.g.
    「自治会・町内会と市民活動団体の一部はサンプル（架空）データです」)."""
    found = sample_kinds(orgs) if isinstance(orgs, pd.DataFrame) else orgs
    if not found:
        return None
    items = [phrase(f"datastatus.banner.{kind}{'.part' if part else ''}") for kind, part in found]
    return phrase("datastatus.banner", kinds=_and(items))


__all__ = [
    "NPO_FORM",
    "STATUS_KINDS",
    "KindStatus",
    "LastImport",
    "SampleKinds",
    "frame_status",
    "kind_masks",
    "kinds_of_sample",
    "sample_banner",
    "sample_kinds",
]
