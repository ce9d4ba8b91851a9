"""What the registry tests share: stores in tmp dirs and import files made there.

No binary fixture is committed: every CSV, workbook and GeoJSON is written by these
functions into the test's own tmp dir (or kept in memory).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo.errors import Problem
from geo.registry import Store
from tests.support.backends import Backend
from tests.support.tinycity import TINY, centre

#: Headers as staff write them.
JA_HEADERS = ("団体名", "活動分野", "所在地", "代表者", "電話", "最終確認日")


@contextmanager
def tiny_store(where: Backend | Path, tiny_dir: Path, name: str = "registry") -> Iterator[Store]:
    """A registry of the tiny city (seeded from its sample).

    Parameters
    ----------
    where
        The test's backend, or a folder for an SQLite file.
    tiny_dir
        The tiny city's data.
    name
        The database's name: the same name opens the same database again.
    """
    url = where.url(name) if isinstance(where, Backend) else f"sqlite:///{where / name}.sqlite3"
    with Store.open(url, data_dir=tiny_dir, city=TINY) as store:
        yield store


def dump(store: Store) -> list[dict[str, str]]:
    """Every organisation with its status and version, for comparisons."""
    return [
        {**s.record, "status": s.status, "version": str(s.version)}
        for s in store.records(include_retired=True)
    ]


def state(store: Store) -> tuple[int, list[dict[str, str]], int]:
    """Everything a failed write must leave as it was: version, rows, audit length."""
    return store.data_version(), dump(store), len(store.audit(10_000))


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    """A CSV file's bytes (``utf-8-sig`` writes a BOM)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def civic_rows(n: int = 2, address: str = "テスト市北西町1-2") -> list[list[str]]:
    """A header and ``n`` valid civic groups placed by their address."""
    rows = [list(JA_HEADERS)]
    for i in range(n):
        rows.append(
            [
                f"新しい会{i + 1}",
                "8、子育て支援",
                address,
                "山田",
                "083-000-0000",
                "2025/4/1",
            ]
        )
    return rows


def placed_rows(rows: list[list[str]], lat: float, lon: float) -> list[list[str]]:
    """``rows`` (a header and rows, as :func:`civic_rows` makes them) with 緯度/経度 added."""
    head, *body = rows
    return [[*head, "緯度", "経度"], *([*row, str(lat), str(lon)] for row in body)]


def xlsx_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    merge: str | None = None,
    extra_sheet: Sequence[Sequence[Any]] = (),
    hidden: Sequence[int] = (),
) -> bytes:
    """An .xlsx workbook: one sheet of ``rows``, optionally merged cells and ``hidden``
    rows (by number), and a 2nd sheet (メモ) of ``extra_sheet``'s rows when it has any."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "団体"
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    if extra_sheet:
        other = book.create_sheet("メモ")
        for row in extra_sheet:
            other.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def geojson_bytes(features: Sequence[tuple[dict[str, Any], tuple[float, float] | None]]) -> bytes:
    """A FeatureCollection of (properties, (lon, lat) or None)."""
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": props,
                "geometry": None if pt is None else {"type": "Point", "coordinates": list(pt)},
            }
            for props, pt in features
        ],
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def inside(area: str = "nw") -> tuple[float, float]:
    """A point inside one tiny area."""
    return centre(area, 0.003, 0.003)


def where(problems: Sequence[Problem]) -> list[tuple[int | None, str | None]]:
    """(row, column) of each problem."""
    return [(p.row, p.column) for p in problems]
