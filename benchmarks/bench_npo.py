"""Reading the national NPO法人 file: time and peak memory on a national-size file.

The file is synthetic (:func:`national_file`): 80,000 rows in the portal's 60-column
layout, CP932, zipped as ``gyousei_000.zip``; main offices spread over the prefectures,
``CITY_ROWS`` of them in 山口市 (with and without the prefecture, full- and half-width
digits), some in 山陽小野田市 and 下関市, one in ten dissolved, purposes of several
lines. :func:`geo.registry.npo.read_npo` reads it for 山口市 with the offline placement.

Measured: wall time (median of ``REPEAT``), and peak memory of a fresh process that
reads the file, against the same process that only imports and loads the city's
reference data (so the difference is the reading's). Baseline for the time: the same
zip member decoded and split by ``csv`` alone, doing nothing with the rows. Targets:
under 60 s and under 300 MB (peak of the whole process).
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from benchmarks.common import median_time, table
from geo.registry.npo_layout import COL_FIELDS, NPO_HEADERS, PREFECTURES, check_digit

ROOT = Path(__file__).resolve().parent.parent
N = 80_000
#: Rows whose main office is in 山口市 (about the real file's share).
CITY_ROWS = 80
REPEAT = 3
MAX_SECONDS = 60.0
MAX_MB = 300.0

_TOWNS = (
    "湯田温泉{d}丁目{n}番{m}号",
    "小郡下郷{n}－{m}",
    "大内御堀{d}-{n}-{m}",
    "宮野下{n}",
    "中央{d}丁目{n}-{m}",
)
_OTHER = ("中央区本町{n}－{m}", "駅前{d}丁目{n}番{m}号", "大字山田{n}", "緑町{d}-{n}")
_FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _number(n: int) -> str:
    base = f"{n:012d}"
    return f"{check_digit(base)}{base}"


def _address(rng: random.Random, in_city: bool, i: int) -> tuple[str, str]:
    """(address, 所轄庁) of one synthetic row."""
    d, n, m = rng.randint(1, 5), rng.randint(1, 40), rng.randint(1, 30)
    if in_city:
        place = rng.choice(_TOWNS).format(d=d, n=n, m=m)
        prefix = rng.choice(("山口県山口市", "山口市", "山口県 山口市"))
        text = prefix + place
        return (text.translate(_FULL) if i % 2 else text), "山口県"
    prefecture = rng.choice(PREFECTURES)
    city = rng.choice(("山陽小野田市", "下関市")) if prefecture == "山口県" else "みなと市"
    return f"{prefecture}{city}{rng.choice(_OTHER).format(d=d, n=n, m=m)}", prefecture


def _row(rng: random.Random, i: int, in_city: bool) -> list[str]:
    cells = [""] * len(NPO_HEADERS)
    address, authority = _address(rng, in_city, i)
    cells[0] = f"特定非営利活動法人みらい{i}の会"
    cells[2] = authority
    cells[4] = address
    cells[7] = "代表　太郎"
    cells[11] = "\r\n".join(
        "この法人は、地域の人々に対して、まちづくりと子どもの育ちを支える事業を行う。" * 3
        for _ in range(rng.randint(1, 4))
    )
    for n in rng.sample(range(1, 21), rng.randint(1, 5)):
        cells[COL_FIELDS + n - 1] = rng.choice(("○", "1", "○"))
    if rng.random() < 0.1:
        cells[NPO_HEADERS.index("解散情報")] = "解散（令和4年3月31日）"
    cells[NPO_HEADERS.index("法人番号")] = _number(500_000 + i)
    cells[NPO_HEADERS.index("特定非営利活動に係る事業")] = (
        "（１）講座の開催事業\r\n（２）相談事業" * 4
    )
    return cells


def national_file(path: Path, n: int = N, *, city_rows: int = CITY_ROWS, seed: int = 17) -> Path:
    """Write a synthetic ``gyousei_000.zip`` of ``n`` rows to ``path`` (streamed)."""
    rng = random.Random(seed)
    in_city = set(rng.sample(range(n), min(city_rows, n)))
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("gyousei_000.csv", "w", force_zip64=True) as member,
    ):
        text = io.TextIOWrapper(member, encoding="cp932", newline="")
        writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        writer.writerow(NPO_HEADERS)
        for i in range(n):
            writer.writerow(_row(rng, i, i in in_city))
        text.flush()
        text.detach()
    return path


def parse_only(path: Path) -> int:
    """Rows of the zip member decoded and split by ``csv``, nothing else (the baseline)."""
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as member:
        text = io.TextIOWrapper(member, encoding="cp932", newline="")
        return sum(1 for _ in csv.reader(text))


_CHILD = """
import json, resource, sys
from pathlib import Path


def peak_mb():
    # VmHWM belongs to this process alone; ru_maxrss may carry the parent's over exec
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


from geo.city import YAMAGUCHI
from geo.registry.npo import read_npo
from geo.registry.validation import Reference
ref = Reference.load(None, YAMAGUCHI)
ref.gazetteer
before = peak_mb()
kept = 0
if sys.argv[1] != "-":
    reading = read_npo(Path(sys.argv[1]), YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog)
    kept = len(reading.records)
print(json.dumps({"before_mb": before, "after_mb": peak_mb(), "kept": kept}))
"""


def peak_memory(path: Path | None) -> dict[str, float]:
    """Peak resident memory (MB) of a fresh process, before and after reading ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path) if path else "-"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    from geo.city import YAMAGUCHI
    from geo.registry.npo import read_npo
    from geo.registry.validation import Reference

    ref = Reference.load(None, YAMAGUCHI)
    with tempfile.TemporaryDirectory() as folder:
        path = national_file(Path(folder) / "gyousei_000.zip")
        size = path.stat().st_size / 1024 / 1024
        with zipfile.ZipFile(path) as archive:
            unzipped = archive.infolist()[0].file_size / 1024 / 1024
        base, rows = median_time(lambda: parse_only(path), repeat=REPEAT)

        def read() -> int:
            reading = read_npo(path, YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog)
            return len(reading.records)

        took, kept = median_time(read, repeat=REPEAT)
        empty = peak_memory(None)
        full = peak_memory(path)
    print(
        table(
            f"NPO法人 national file: {N:,} rows ({size:.1f} MB zipped, {unzipped:.0f} MB CSV), "
            f"{kept} kept for 山口市",
            ["step", "seconds (median)", "x baseline", "target"],
            [
                ["baseline: decode and split (csv)", base, 1.0, ""],
                ["read_npo (keep, map, place)", took, took / base, f"< {MAX_SECONDS:.0f} s"],
            ],
        )
    )
    grown = full["after_mb"] - empty["after_mb"]
    print(
        f"peak memory of the process: {full['after_mb']:.0f} MB (target < {MAX_MB:.0f} MB); "
        f"{empty['after_mb']:.0f} MB without reading; the reading adds {grown:.0f} MB"
    )
    ok = took < MAX_SECONDS and full["after_mb"] < MAX_MB and rows == N + 1
    print("targets met" if ok else "TARGETS NOT MET")


if __name__ == "__main__":
    main()
