"""Seeding a city's registry from its bundled ``organisations.csv``, once, on first use.

The file is cleaned and checked like an import; a file with problems seeds nothing
(one :class:`~geo.errors.DataValidationError` lists every problem).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.engine import Connection

from geo.errors import DataValidationError, Problem
from geo.io import read_csv
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.rows import now
from geo.registry.schema import metadata_table, registry_state
from geo.registry.validation import Reference, check_records
from geo.registry.values import clean_record
from geo.registry.writes import (
    ADD,
    AuditNote,
    Txn,
    insert_records,
    open_change,
    summarise,
    sync_terms,
)

#: The file a city's registry is seeded from, in its data directory.
SEED_FILE = "organisations.csv"


def seed_records(reference: Reference) -> list[dict[str, str]]:
    """The canonical records of the city's ``organisations.csv``.

    Raises
    ------
    DataValidationError
        Listing every problem of the file.
    """
    path = reference.data_dir / SEED_FILE
    raw = read_csv(path)
    vocab = reference.vocabulary
    today = dt.date.today()
    records: list[dict[str, str]] = []
    problems: list[Problem] = []
    for i, row in enumerate(raw.to_dict("records"), start=1):
        cells = {c: str(row.get(c, "")) for c in RECORD_COLUMNS}
        record, found = clean_record(cells, vocab, today=today)
        for column, items in found.items():
            problems += [f.at(path.name, i, column) for f in items]
        records.append(record)
    frame = pd.DataFrame(records, columns=list(RECORD_COLUMNS))
    problems += check_records(frame, path.name, reference)
    if problems:
        raise DataValidationError(problems)
    return records


def seed(conn: Connection, reference: Reference) -> None:
    """Create the city in the registry of ``conn`` (inside its write transaction) with the
    organisations of its ``organisations.csv``, at data version 1.

    Raises
    ------
    DataValidationError
        When the file has problems (nothing is written).
    """
    records = seed_records(reference)
    city = reference.city
    at = now()
    conn.execute(
        registry_state.insert(),
        [
            {"jis_code": city.jis_code, "key": key, "int_value": i, "text_value": t}
            for key, i, t in (
                ("data_version", 1, None),
                ("created_at", None, at),
                ("name", None, city.name_ja),
            )
        ],
    )
    sync_terms(conn, reference.catalog)
    note = AuditNote(who="seed", action="seed", source=SEED_FILE)
    txn = Txn(
        conn,
        city.jis_code,
        open_change(conn, city.jis_code, note, at=at, version=1),
        at,
        "seed",
        "seed",
    )
    insert_records(conn, city.jis_code, records, at=at, who="seed", match_levels={}, source="seed")
    conn.execute(
        metadata_table.insert(), [txn.meta(r["org_id"], "create", "", "", "") for r in records]
    )
    summarise(conn, txn.change_id, {ADD: len(records)})


__all__ = ["SEED_FILE", "seed", "seed_records"]
