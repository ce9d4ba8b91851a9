"""データの状況 and the sample banner: real and sample rows per kind, the last import, the
sources, and a banner naming only the kinds still sample (none when every one is real)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.datastatus import KindStatus, LastImport, frame_status, sample_banner, sample_kinds
from geo.model import CityData
from geo.registry import Store
from geo.registry.datastatus import data_status
from geo.registry.importer import apply_plan, plan_import, read_bytes
from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
from geo.registry.samples import with_sample_retirements
from geo.settings import env_name, load_settings
from tests.conftest import ROOT
from tests.support.registry_files import csv_bytes
from tests.test_npo_support import portal_zip

COUNCIL, ASSOC, CIVIC = "council", "association", "civic_group"
ALL_SAMPLE = "地域づくり協議会、自治会・町内会と市民活動団体"


def orgs(*rows: tuple[str, bool, str]) -> pd.DataFrame:
    """Organisations as (kind, sample, legal form)."""
    return pd.DataFrame(rows, columns=["kind", "is_sample", "legal_form"])


@pytest.mark.parametrize(
    ("frame", "ja", "en"),
    [
        (
            orgs((COUNCIL, True, ""), (ASSOC, True, ""), (CIVIC, True, "")),
            ALL_SAMPLE,
            "area councils, neighbourhood associations and civic groups",
        ),
        (
            orgs((COUNCIL, False, ""), (ASSOC, True, ""), (CIVIC, True, ""), (CIVIC, False, "")),
            "自治会・町内会と市民活動団体の一部",
            "neighbourhood associations and some of the civic groups",
        ),
        (orgs((CIVIC, True, ""), (CIVIC, False, "npo_corp")), "市民活動団体の一部", None),
        (orgs((ASSOC, True, "")), "自治会・町内会", "neighbourhood associations"),
    ],
)
def test_the_banner_names_the_kinds_still_sample(
    frame: pd.DataFrame, ja: str, en: str | None
) -> None:
    banner = sample_banner(frame)
    assert banner is not None
    assert banner.text("ja") == f"{ja}はサンプル（架空）データです。実在の団体ではありません。"
    if en is not None:
        assert banner.text("en") == f"Sample (fictitious) data, not real organisations: {en}."


@pytest.mark.parametrize(
    "frame", [orgs(), orgs((COUNCIL, False, ""), (CIVIC, False, "npo_corp"))], ids=["none", "real"]
)
def test_no_banner_when_nothing_is_sample(frame: pd.DataFrame) -> None:
    assert sample_banner(frame) is None
    assert sample_kinds(frame) == ()


def test_the_bundled_sample_is_sample_of_every_kind(city: CityData) -> None:
    status = {s.kind: s for s in frame_status(city.organisations)}
    assert [(k, s.real, s.sample) for k, s in status.items()] == [
        ("council", 0, 21),
        ("association", 0, 621),
        ("civic_group", 0, 342),
        ("npo", 0, 124),
    ]
    assert status["civic_group"].sources == {"seed": 342}
    assert all(s.is_sample and s.last_import is None for s in status.values())


# --- from the registry -------------------------------------------------------------------


@pytest.fixture
def registry_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pages read the registry in ``tmp_path``."""
    for name in ("registry", "database_url", "kiosk", "data_dir", "city"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))
    return tmp_path / "var"


@pytest.fixture
def store(registry_dir: Path) -> Iterator[Store]:
    with Store.open(load_settings().registry_url) as opened:
        yield opened


def import_npo(store: Store, *, retire_samples: bool) -> None:
    plan = plan_against(read_for(store, portal_zip(), name="gyousei_000.zip"), store)
    apply_npo_plan(plan, store, who="佐藤", retire_samples=retire_samples)


def import_associations(store: Store) -> None:
    rows = [
        ["団体名", "活動分野", "所在地"],
        ["湯田一区自治会", "防災・減災", "山口市湯田温泉5-5-50"],
    ]
    plan = plan_import(read_bytes(csv_bytes(rows), "自治会一覧.csv"), "associations", store)
    apply_plan(with_sample_retirements(plan, store), store, who="山田")


def counts(statuses: tuple[KindStatus, ...]) -> list[tuple[str, int, int]]:
    return [(s.kind, s.real, s.sample) for s in statuses]


def test_the_registry_counts_real_and_sample_rows_and_the_last_imports(store: Store) -> None:
    fresh = data_status(store)
    assert counts(fresh) == [
        ("council", 0, 21),
        ("association", 0, 621),
        ("civic_group", 0, 342),
        ("npo", 0, 124),
    ]
    assert all(s.last_import is None for s in fresh)
    import_npo(store, retire_samples=False)
    import_associations(store)
    status = {s.kind: s for s in data_status(store)}
    assert counts(tuple(status.values())) == [
        ("council", 0, 21),
        ("association", 1, 0),
        ("civic_group", 3, 342),
        ("npo", 3, 124),
    ]
    assert status["civic_group"].sources == {"seed": 342, "npo_portal": 3}
    assert status["association"].sources == {"import": 1}
    npo, assoc = status["npo"].last_import, status["association"].last_import
    assert npo is not None and assoc is not None
    assert (npo.who, npo.file, npo.action) == ("佐藤", "gyousei_000.zip", "import-npo")
    assert (assoc.who, assoc.file, assoc.action) == ("山田", "自治会一覧.csv", "import")
    assert status["civic_group"].last_import is None  # no staff list of civic groups yet
    assert status["npo"].public().last_import == LastImport(npo.at, "", npo.file, npo.action)


def _page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _banner(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "サンプル（架空）" in w.value]


@pytest.mark.parametrize(
    ("retire_samples", "banner"),
    [
        (False, "地域づくり協議会と市民活動団体の一部"),
        (True, "地域づくり協議会"),
    ],
)
def test_the_public_pages_show_the_state_without_who(
    store: Store, retire_samples: bool, banner: str
) -> None:
    import_npo(store, retire_samples=retire_samples)
    import_associations(store)
    at = _page("pages/about.py")
    assert _banner(at) == [f"{banner}はサンプル（架空）データです。実在の団体ではありません。"]
    table = next(d.value for d in at.dataframe if "サンプル（架空）" in d.value.columns)
    assert table["実データ"].tolist() == [0, 1, 3, 3]
    assert "取り込んだ人" not in table.columns
    assert table["ファイル"].tolist() == ["", "自治会一覧.csv", "", "gyousei_000.zip"]
    assert not any("佐藤" in str(v) or "山田" in str(v) for v in table.to_numpy().ravel())
    assert "内閣府NPO法人ポータル（全国一括データ） 3件" in table["出典"].iloc[2]
    # the NPO line names the kind it is part of: sorted away from it, it still reads
    assert table["種類"].tolist()[2:] == ["市民活動団体", "　市民活動団体のうちNPO法人"]
    explorer = _page("pages/explorer.py")
    assert _banner(explorer) == _banner(at)


def test_the_banner_goes_when_every_kind_is_real(store: Store) -> None:
    import_npo(store, retire_samples=True)
    import_associations(store)
    councils = store.records(kind="council")
    rows = [["団体名", "活動分野"], *([s.record["name"], s.record["fields"]] for s in councils)]
    plain = plan_import(read_bytes(csv_bytes(rows), "協議会.csv"), "councils", store)
    assert not plain.has_changes  # the same councils: the list alone changes nothing
    real = with_sample_retirements(plain, store)
    assert real.retired == () and len(real.with_action("change")) == len(councils)
    assert {r.changes for r in real.rows} == {(("is_sample", "true", "false"),)}
    apply_plan(real, store, who="山田")
    at = _page("pages/about.py")
    assert _banner(at) == []
    table = next(d.value for d in at.dataframe if "サンプル（架空）" in d.value.columns)
    assert table["サンプル（架空）"].tolist() == [0, 0, 0, 0]
    assert table["状態"].tolist() == ["実データ"] * 4
