"""AppTest of the staff pages (取り込み, 団体の編集) behind the editor login.

The pages run in a small navigation of their own, on the bundled city with a registry
in the test's tmp dir.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.io import load_centers
from geo.registry import ImportPlan, Store, plan_import
from geo.registry.auth import hash_password
from geo.registry.columns import HEADINGS, RECORD_COLUMNS
from geo.registry.readers import SourceTable, read_bytes
from geo.registry.throttle import LoginThrottle, login_keys
from geo.settings import env_name, load_settings
from geo.words import MESSAGES
from tests.conftest import ROOT
from tests.support.backends import Backend
from tests.support.downloads import capture_downloads, downloaded
from tests.support.registry_files import civic_rows, csv_bytes, placed_rows, xlsx_bytes
from ui.login import SEEN_KEY, SHARED_ACCOUNT
from ui.orgform import form_key
from ui.staff import PROBLEM_REASON_PX
from ui.tables import WRAPPED_ROW_PX
from ui.text import md_literal

TIMEOUT = 60
PASSWORD = "correct horse battery"
HASH = hash_password(PASSWORD, n=2**8)
ADDRESS = "山口市湯田温泉5-5-50"
SCRIPT = f"""
import streamlit as st
st.navigation(
    [
        st.Page({str(ROOT / "pages" / "import.py")!r}, url_path="import"),
        st.Page({str(ROOT / "pages" / "edit.py")!r}, url_path="edit"),
    ]
).run()
"""


def ja(key: str, **values: object) -> str:
    return MESSAGES[key]["ja"].format(**values)


@pytest.fixture
def registry_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("registry", "database_url", "kiosk", "data_dir", "city"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))
    return tmp_path / "var"


@pytest.fixture
def store(registry_dir: Path, backend: Backend, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The registry the pages use: SQLite in ``registry_dir``, or PostgreSQL."""
    if not backend.is_sqlite:
        monkeypatch.setenv(env_name("database_url"), backend.url())
    with Store.open(load_settings().registry_url) as s:
        yield s


def _app(*, secrets: bool = True) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    if secrets:
        at.secrets["kyodo"] = {"editor_password_hash": HASH}
    at.run()
    assert not at.exception, at.exception
    return at


def _switchable_app() -> AppTest:
    """The staff pages with the language switch in their sidebar (as in the app), run."""
    switched = SCRIPT.replace(
        "import streamlit as st\n",
        "import streamlit as st\nfrom ui.layout import language_switch\nlanguage_switch()\n",
    )
    at = AppTest.from_string(switched, default_timeout=TIMEOUT)
    at.secrets["kyodo"] = {"editor_password_hash": HASH}
    return at.run()


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table with ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _login(at: AppTest, password: str = PASSWORD, name: str = "山田") -> AppTest:
    at.text_input(key="staff.login.name").set_value(name)
    at.text_input(key="staff.login.password").set_value(password)
    _button(at, ja("staff.login")).click().run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, data: bytes, name: str = "list.csv") -> AppTest:
    at.file_uploader(key="import.file").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


# --- the login -------------------------------------------------------------------------


def test_refused_without_a_configured_login(registry_dir: Path) -> None:
    at = _app(secrets=False)
    assert [e.value for e in at.error] == [ja("staff.not_configured")]
    assert not at.get("file_uploader")
    assert not at.code  # no set-up details on a public page


def test_refused_when_the_registry_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("registry_dir", "database_url"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry"), "0")
    at = _app()
    assert [e.value for e in at.error] == [ja("staff.registry_off")]
    assert not at.text_input


def test_refused_on_the_kiosk(registry_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_KIOSK", "1")
    at = _app()
    assert [e.value for e in at.error] == [ja("staff.kiosk")]
    assert not at.text_input


def test_a_wrong_password_is_refused(registry_dir: Path) -> None:
    at = _login(_app(), password="not the password")
    assert [e.value for e in at.error] == [ja("staff.wrong_password")]
    assert not at.get("file_uploader")
    assert at.text_input(key="staff.login.password")  # another try is offered


def _locked_in_a_new_process(registry_dir: Path) -> bool:
    """Whether a process of its own, on the same registry, sees the editor account locked."""
    script = f"""
import time
from geo.registry import ImportPlan, Store, plan_import
from geo.registry.readers import SourceTable
from geo.registry.throttle import LoginThrottle, login_keys
from geo.registry.throttle import LoginThrottle, login_keys
from geo.settings import load_settings
with Store.open(load_settings().registry_url) as store:
    throttle = LoginThrottle(store.engine, store.jis_code)
    print(throttle.locked_until(login_keys({SHARED_ACCOUNT!r}, None), time.time()) is not None)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip() == "True"


def test_wrong_passwords_from_new_sessions_lock_out_everywhere(
    registry_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(10):  # each from a new session, as after a reload
        at = _login(_app(), password=f"wrong {i}")
        assert next(e.value for e in at.error) == ja("staff.wrong_password")
    assert ja("staff.locked", minutes=1) in [e.value for e in at.error]  # the 10th locks
    fresh = _app()  # a new session: no form, even for the right password
    assert [e.value for e in fresh.error] == [ja("staff.locked", minutes=1)]
    assert not fresh.text_input
    assert _locked_in_a_new_process(registry_dir)


def test_a_locked_login_costs_no_password_check(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.login

    checked: list[str] = []

    def check(password: str, stored: str) -> bool:
        checked.append(password)
        return False

    monkeypatch.setattr(ui.login, "verify_password", check)
    at = _app()  # the form is open ...
    throttle = LoginThrottle(store.engine, store.jis_code)
    for _ in range(10):  # ... while guesses from elsewhere lock the account
        throttle.failed(login_keys(SHARED_ACCOUNT, "192.0.2.7"), time.time())
    _login(at, password=PASSWORD)
    assert [e.value for e in at.error] == [ja("staff.locked", minutes=1)]
    assert checked == []  # refused before the password was checked
    assert "staff.editor" not in at.session_state


def test_an_idle_editor_is_logged_out(registry_dir: Path) -> None:
    at = _login(_app())
    assert at.title[0].value == ja("staff.import.title")
    at.session_state[SEEN_KEY] = time.time() - 31 * 60  # the default: 30 minutes
    at.run()
    assert at.title[0].value == ja("staff.login_title")
    assert [i.value for i in at.info] == [ja("staff.idle_logout", minutes=30)]
    assert "staff.editor" not in at.session_state


def test_the_idle_time_is_a_setting(registry_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(env_name("staff_idle_minutes"), "120")
    at = _login(_app())
    at.session_state[SEEN_KEY] = time.time() - 31 * 60
    at.run()
    assert at.title[0].value == ja("staff.import.title")  # still signed in


def test_the_password_opens_the_import_page(registry_dir: Path) -> None:
    at = _login(_app())
    assert at.title[0].value == ja("staff.import.title")
    assert at.get("file_uploader")
    assert at.session_state["staff.editor"] == "山田"
    _button(at, ja("staff.logout")).click().run()
    assert at.title[0].value == ja("staff.login_title")


def test_the_language_switch_keeps_the_staff_choices(registry_dir: Path) -> None:
    """Switched to English, the import page's radios showed nothing chosen (the browser
    was not told the choice in the new words) though the page still used it."""
    at = _login(_switchable_app())
    at.radio(key="import.kind").set_value("associations")
    at.checkbox(key="import.retire").check()
    at.radio(key="export.format").set_value("geojson")
    at.checkbox(key="export.private").check().run()
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert not at.exception, at.exception
    for key, words in (
        ("import.kind", MESSAGES["staff.kind.associations"]["en"]),
        ("export.format", MESSAGES["staff.export.geojson"]["en"]),
    ):
        shown = at.radio(key=key).proto
        assert shown.set_value and shown.raw_value == words, key
    assert at.checkbox(key="import.retire").value and at.checkbox(key="export.private").value


# --- importing -------------------------------------------------------------------------


def test_upload_preview_problems_and_valid_rows(store: Store) -> None:
    rows = civic_rows(3, ADDRESS)
    rows[2][1] = "宇宙"
    at = _login(_app())
    at.checkbox(key="import.retire").uncheck().run()
    _upload(at, csv_bytes(rows, "cp932"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[ja("staff.import.added")] == "2"
    assert metrics[ja("staff.import.invalid")] == "1"
    added = _table(at, ja("staff.col.match"))
    assert added[ja("staff.col.row")].tolist() == [2, 4]  # as a spreadsheet numbers them
    problems = _table(at, ja("staff.col.reason"))
    assert problems.iloc[0].tolist() == [3, "活動分野", "宇宙", ja("problem.unknown_field")]
    # the rows as a spreadsheet numbers them, and the page says so
    assert ja("staff.problems_caption") in [c.value for c in at.caption]
    assert "表計算ソフト" in ja("staff.problems_caption")
    assert at.button(key="import.go").disabled
    before = store.data_version()
    at.button(key="import.valid").click().run()
    assert not at.exception, at.exception
    assert ja("staff.import.done", added=2, changed=0, reactivated=0, retired=0) in [
        s.value for s in at.success
    ]
    assert store.data_version() == before + 1
    assert {"新しい会1", "新しい会3"} <= {s.record["name"] for s in store.records()}
    assert store.audit(1)[0].who == "山田"


def test_a_title_above_the_header_is_said_passed_over(store: Store) -> None:
    at = _login(_app())
    _upload(at, csv_bytes([["山口市 市民活動団体一覧"], [], *civic_rows(2, ADDRESS)]))
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert ja("staff.import.header_row", row=3, above=2) in captions
    assert {m.label: m.value for m in at.metric}[ja("staff.import.added")] == "2"
    _upload(at, csv_bytes(civic_rows(2, ADDRESS)), "other.csv")
    assert not any("見出しとして読みました" in c.value for c in at.caption)


def test_a_workbook_s_list_beside_a_memo_is_read_and_the_page_says_which(store: Store) -> None:
    memo: list[list[object]] = [["集計"], ["地域", "団体数"], ["湯田", 2]]
    data = xlsx_bytes(civic_rows(2, ADDRESS), extra_sheet=memo)
    at = _upload(_login(_app()), data, "一覧.xlsx")
    said = ja("staff.import.sheet", sheet="団体", others="メモ")  # the sheets' titles
    assert said in [c.value for c in at.caption]
    assert {m.label: m.value for m in at.metric}[ja("staff.import.added")] == "2"
    _upload(at, xlsx_bytes(civic_rows(2, ADDRESS)), "other.xlsx")  # one sheet: nothing said
    assert not any("ほかのシート" in c.value for c in at.caption)


def test_columns_not_read_are_named_and_the_rest_imports(store: Store) -> None:
    rows = civic_rows(2, ADDRESS)
    link = "[会員](https://example.com)"
    rows[0] += ["登録日", link]
    for row in rows[1:]:
        row += ["2024/4/1", "12"]
    at = _upload(_login(_app()), csv_bytes(rows))
    assert not at.exception, at.exception
    columns = "、".join(["登録日", md_literal(link)])  # the header shown as text, no link
    assert ja("staff.import.not_read", columns=columns, more="") in [w.value for w in at.warning]
    assert {m.label: m.value for m in at.metric}[ja("staff.import.added")] == "2"
    _upload(at, csv_bytes(civic_rows(2, ADDRESS)), "other.csv")  # every column read
    assert not any("読んでいません" in w.value for w in at.warning)


def test_an_association_list_shows_its_households_and_jishubo_as_read(store: Store) -> None:
    """An association has no fields to show: the dry run shows what was read of what a
    自治会 list holds (約120 as 120, あり（R3結成） as 有), in the edit form's words."""
    rows = [
        ["自治会名", "所在地", "加入世帯数", "自主防災組織"],
        ["湯田の新しい自治会", ADDRESS, "約120", "あり（R3結成）"],
        ["もう一つの自治会", ADDRESS, "", "未"],
    ]
    at = _login(_app())
    at.radio(key="import.kind").set_value("associations").run()
    _upload(at, csv_bytes(rows))
    added = _table(at, ja("record.households"))
    assert ja("record.fields") not in added.columns
    assert added[ja("record.households")].tolist() == ["120", ""]
    assert added[ja("record.has_jishubo")].tolist() == [ja("staff.yes"), ja("staff.no")]
    told = ja("staff.import.in_part", rows="2", more="")
    assert [i.value for i in at.info].count(told) == 1, [i.value for i in at.info]


def test_a_row_of_sums_is_said_to_be_passed_over(store: Store) -> None:
    rows = [*civic_rows(2, ADDRESS), ["合計", "", "", "", "", ""]]
    at = _upload(_login(_app()), csv_bytes(rows))
    assert not at.exception, at.exception
    assert ja("staff.import.sum_rows", rows="4", more="") in [c.value for c in at.caption]
    assert not at.error  # (no problem: the row is no organisation)


def test_a_three_row_import_retires_nothing_by_default(store: Store) -> None:
    before = len(store.records(kind="civic_group"))
    at = _login(_app())
    assert at.checkbox(key="import.retire").value is False
    _upload(at, csv_bytes(civic_rows(3, ADDRESS)))
    metrics = [(m.label, m.value) for m in at.metric]
    assert metrics[0] == (ja("staff.import.retired"), "0")  # what is retired comes first
    assert ja("staff.import.kept", n=before) in [i.value for i in at.info]
    at.button(key="import.go").click().run()
    assert not at.exception, at.exception
    assert ja("staff.import.done", added=3, changed=0, reactivated=0, retired=0) in [
        s.value for s in at.success
    ]
    assert len(store.records(kind="civic_group")) == before + 3


@pytest.mark.parametrize(
    ("empty", "rows", "more"),
    [
        (1, "13", ""),
        (12, "2、3、4、5、6、7、8、9、10、11", "、ほか2行"),  # ten named, the rest counted
    ],
)
def test_civic_groups_without_a_field_are_named_before_the_import(
    store: Store, empty: int, rows: str, more: str
) -> None:
    table = civic_rows(12, ADDRESS)
    for row in table[13 - empty :]:
        row[1] = ""
    at = _login(_app())
    _upload(at, csv_bytes(table))
    warnings = [w.value for w in at.warning]
    assert ja("staff.import.no_fields", n=empty, rows=rows, more=more) in warnings
    assert at.button(key="import.go").disabled is False  # imported all the same


def test_an_address_in_another_area_than_its_point_is_named(store: Store) -> None:
    table = placed_rows(civic_rows(2, ADDRESS), 34.13155, 131.39817)  # points in 小郡
    at = _login(_app())
    _upload(at, csv_bytes(table))
    rows = "2行目（住所：湯田、地点：小郡）／3行目（住所：湯田、地点：小郡）"
    assert ja("staff.import.elsewhere", n=2, rows=rows, more="") in [w.value for w in at.warning]
    assert at.button(key="import.go").disabled is False


def test_a_written_area_other_than_the_address_is_named(store: Store) -> None:
    table = [[*row, "地域" if i == 0 else "小郡"] for i, row in enumerate(civic_rows(2, ADDRESS))]
    at = _login(_app())
    _upload(at, csv_bytes(table))
    rows = "2行目（地域の列：小郡、所在地：湯田）／3行目（地域の列：小郡、所在地：湯田）"
    warnings = [w.value for w in at.warning]
    assert ja("staff.import.written_elsewhere", n=2, rows=rows, more="") in warnings
    assert at.button(key="import.go").disabled is False


def test_a_file_of_every_kind_is_told_to_be_split(store: Store) -> None:
    table = [
        ["団体名", "種別", "所在地", "活動分野"],
        ["協議会の行", "council", ADDRESS, "8"],
        ["自治会の行", "association", ADDRESS, ""],
        ["もう一つの自治会", "自治会", ADDRESS, ""],
        ["市民活動団体の行", "civic_group", ADDRESS, "8"],
    ]
    at = _login(_app())
    _upload(at, csv_bytes(table))
    kinds = "地域づくり協議会 1行、自治会・町内会 2行"
    warnings = [w.value for w in at.warning]
    assert ja("staff.import.other_kinds", kind="市民活動団体", kinds=kinds) in warnings, warnings


def test_rows_hidden_in_a_workbook_are_named(store: Store) -> None:
    at = _login(_app())
    _upload(at, xlsx_bytes(civic_rows(3, ADDRESS), hidden=[3, 4]), "list.xlsx")
    assert ja("staff.import.hidden_rows", rows="3、4", more="") in [i.value for i in at.info]


def test_retiring_many_asks_for_the_number(store: Store) -> None:
    n = len(store.records(kind="civic_group"))
    at = _login(_app())
    at.checkbox(key="import.retire").check().run()
    _upload(at, csv_bytes(civic_rows(3, ADDRESS)))
    assert next((m.label, m.value) for m in at.metric) == (ja("staff.import.retired"), str(n))
    warnings = [w.value for w in at.warning]
    assert warnings[0].startswith(ja("staff.import.retire_warning", n=n, share=1.0)[:20])
    assert at.button(key="import.go").disabled  # until the number is typed
    confirm = next(i for i in at.text_input if i.label == ja("staff.import.confirm", n=n))
    confirm.set_value("3").run()
    assert at.button(key="import.go").disabled  # a wrong number
    confirm = next(i for i in at.text_input if i.label == ja("staff.import.confirm", n=n))
    confirm.set_value(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))).run()
    assert not at.button(key="import.go").disabled  # full-width digits are the number too
    at.button(key="import.go").click().run()
    assert not at.exception, at.exception
    assert ja("staff.import.done", added=3, changed=0, reactivated=0, retired=n) in [
        s.value for s in at.success
    ]
    assert len(store.records(kind="civic_group")) == 3


def test_the_dry_run_is_made_once_per_file(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.staff

    made: list[str] = []

    def counting(table: SourceTable, *args: Any, **kwargs: Any) -> ImportPlan:
        made.append(table.name)
        return plan_import(table, *args, **kwargs)

    monkeypatch.setattr(ui.staff, "plan_import", counting)
    at = _login(_app())
    _upload(at, csv_bytes(civic_rows(2, ADDRESS)))
    for _ in range(3):  # reruns while the file sits in the uploader
        at.run()
    assert made == ["list.csv"]
    at.checkbox(key="import.retire").check().run()  # another choice: another dry run
    assert made == ["list.csv", "list.csv"]


def test_many_problems_show_the_first_thousand(store: Store) -> None:
    rows = [["団体名", "活動分野", "所在地"]]
    rows += [[f"会{i}", "宇宙;海", ADDRESS] for i in range(600)]
    at = _login(_app())
    _upload(at, csv_bytes(rows))
    assert ja("staff.problems", n=1200) in [e.value for e in at.error]
    assert ja("staff.problems_first", shown=1000, n=1200) in [c.value for c in at.caption]
    assert len(_table(at, ja("staff.col.reason"))) == 1000


def test_problems_of_the_file_come_first_and_rows_are_numbers(store: Store) -> None:
    """A problem of the whole file says so in a table of its own; the rows' table
    numbers them as numbers, so that sorting it puts row 2 before row 10."""
    rows = [["団体名", "", "活動分野"], *[[f"会{i}", "", "8", "見出しの外"] for i in range(10)]]
    at = _login(_app())
    _upload(at, csv_bytes(rows))
    tables = [d.value for d in at.dataframe if ja("staff.col.reason") in d.value.columns]
    whole, in_rows = tables
    assert whole[ja("staff.col.row")].tolist() == [ja("staff.row.whole_file")]
    assert whole[ja("staff.col.reason")].tolist() == [ja("problem.no_header", position=2)]
    assert whole[ja("staff.col.column")].tolist() == [""]  # (no English "(column 2)")
    assert set(in_rows[ja("staff.col.reason")]) == {ja("problem.extra_cells")}
    numbers = in_rows[ja("staff.col.row")]
    assert pd.api.types.is_integer_dtype(numbers), numbers.dtype
    assert numbers.tolist() == list(range(2, 12))
    assert sorted(numbers.astype(str)) != sorted(numbers)  # (as text, 10 would come first)


def test_a_formula_name_is_refused_and_shown_inert(store: Store) -> None:
    rows = civic_rows(1, ADDRESS)
    rows[1][0] = '=HYPERLINK("http://example.com","x")'
    at = _login(_app())
    _upload(at, csv_bytes(rows))
    problems = _table(at, ja("staff.col.reason"))
    assert problems.iloc[0].tolist() == [
        2,
        "団体名",
        "'" + rows[1][0],  # the table's own download cannot run it either
        ja("problem.formula"),
    ]
    assert at.button(key="import.go").disabled


def _problem_table(at: AppTest) -> Any:
    reason = ja("staff.col.reason")
    return next(d for d in at.dataframe if reason in d.value.columns)


@pytest.mark.parametrize(
    ("name", "wraps"), [('=HYPERLINK("http://example.com","x")', True), ("会", False)]
)
def test_a_long_reason_wraps_instead_of_being_cut(store: Store, name: str, wraps: bool) -> None:
    """A problem's reason can be a sentence (a formula refused, and what to do about
    it): the staff member reads it whole, in rows of three lines; short reasons keep
    rows of one line."""
    rows = civic_rows(2, ADDRESS)
    rows[1][0] = name
    rows[2][1] = "宇宙"
    at = _login(_app())
    _upload(at, csv_bytes(rows))
    table = _problem_table(at)
    reason = ja("staff.col.reason")
    width = json.loads(table.proto.columns)[reason]["width"]
    assert width <= PROBLEM_REASON_PX
    assert (table.proto.row_height == WRAPPED_ROW_PX) == wraps
    if wraps:
        assert width == PROBLEM_REASON_PX
        assert ja("problem.formula") in set(table.value[reason])


def test_a_preview_made_stale_is_not_imported(store: Store) -> None:
    at = _login(_app())
    at.checkbox(key="import.retire").uncheck().run()
    _upload(at, csv_bytes(civic_rows(2, ADDRESS)))
    assert not at.button(key="import.go").disabled
    org = store.get("cg-0001")
    store.edit("cg-0001", {**org.record, "notes": "別の人の変更"}, expected_version=1, who="他")
    at.button(key="import.go").click().run()
    assert [w.value for w in at.warning] == [ja("staff.import.changed_meanwhile")]
    assert "新しい会1" not in {s.record["name"] for s in store.records()}
    at.button(key="import.go").click().run()  # after looking again, it goes through
    assert "新しい会1" in {s.record["name"] for s in store.records()}


def test_an_unreadable_upload_lists_its_problem(store: Store) -> None:
    at = _login(_app())
    _upload(at, "name,fields\nCafé,8\n".encode("latin-1"))
    problems = _table(at, ja("staff.col.reason"))
    assert problems[ja("staff.col.reason")].tolist() == [ja("problem.encoding")]
    assert not at.get("button") or "import.go" not in [b.key for b in at.button]


def test_an_old_or_locked_workbook_is_named_with_what_to_do(store: Store) -> None:
    at = _login(_app())
    _upload(at, bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "名簿.xls")
    problems = _table(at, ja("staff.col.reason"))
    assert problems[ja("staff.col.reason")].tolist() == [ja("problem.ole_workbook")]
    # a problem of the whole file says so where a row's number would be (not "None")
    assert problems[ja("staff.col.row")].tolist() == [ja("staff.row.whole_file")]


def test_problems_are_worded_in_the_session_language(store: Store) -> None:
    at = _login(_app())
    at.session_state["lang"] = "en"
    _upload(at, "name,fields\nCafé,8\n".encode("latin-1"))
    column = MESSAGES["staff.col.reason"]["en"]
    assert _table(at, column)[column].tolist() == [MESSAGES["problem.encoding"]["en"]]


def test_markup_in_names_stays_text(store: Store) -> None:
    name = "<script>alert(1)</script>"
    rows = civic_rows(1, ADDRESS)
    rows[1][0] = name
    at = _login(_app())
    _upload(at, csv_bytes(rows))
    assert _table(at, ja("staff.col.match"))[ja("staff.col.row")].tolist() == [2]
    assert name in _table(at, ja("staff.col.match")).to_numpy().tolist()[0]
    assert not any("<script>" in m.value for m in at.markdown)
    # the page's only HTML is its own (the uploaders' words), never a name
    assert not any("alert(1)" in str(e.proto.body) for e in at.get("html"))


def test_export_is_offered(store: Store) -> None:
    at = _login(_app())
    assert at.get("download_button")
    at.checkbox(key="export.private").check().run()
    assert ja("staff.export.private_warning") in [w.value for w in at.warning]


@pytest.mark.parametrize(("fmt", "name"), [("csv", "list.csv"), ("geojson", "list.geojson")])
def test_an_export_of_one_kind_imports_back_unchanged(
    store: Store, monkeypatch: pytest.MonkeyPatch, fmt: str, name: str
) -> None:
    capture_downloads(monkeypatch)
    at = _login(_app())
    at.radio(key="export.format").set_value(fmt)
    at.radio(key="export.kind").set_value("associations").run()
    assert not at.exception, at.exception
    table = read_bytes(downloaded(at, "-export.download"), name)
    plan = plan_import(table, "associations", store)
    assert not plan.problems
    assert [r.action for r in plan.rows] == ["unchanged"] * 621


# --- editing ---------------------------------------------------------------------------


def _edit_page(at: AppTest) -> AppTest:
    at.switch_page(str(ROOT / "pages" / "edit.py")).run()
    assert not at.exception, at.exception
    assert at.title[0].value == ja("staff.edit.title")
    return at


def test_edit_saves_a_change(store: Store) -> None:
    at = _edit_page(_login(_app()))
    at.selectbox(key="edit.pick").set_value("cg-0001").run()
    at.text_input(key=form_key("cg-0001", 1, "phone")).set_value("083-999-0000")
    _button(at, ja("staff.edit.save")).click().run()
    assert not at.exception, at.exception
    assert ja("staff.edit.saved", org_id="cg-0001") in [s.value for s in at.success]
    saved = store.get("cg-0001")
    assert (saved.record["phone"], saved.version, saved.updated_by) == ("083-999-0000", 2, "山田")
    assert saved.match_level == "coordinates"  # the stored point was kept


def test_edit_shows_problems_and_saves_nothing(store: Store) -> None:
    at = _edit_page(_login(_app()))
    at.selectbox(key="edit.pick").set_value("cg-0001").run()
    at.text_input(key=form_key("cg-0001", 1, "last_confirmed")).set_value("いつか")
    _button(at, ja("staff.edit.save")).click().run()
    problems = _table(at, ja("staff.col.reason"))
    # (a form has no rows: no row number, no note on how a file's rows are counted)
    assert problems.iloc[0].tolist() == ["最終確認日", "いつか", ja("problem.date")]
    assert ja("staff.problems_caption") not in [c.value for c in at.caption]
    assert store.get("cg-0001").version == 1


def test_a_phone_number_typed_as_households_is_refused_not_saved(store: Store) -> None:
    """It was saved (839,001,234 households), making a 加入率 far over 100 %; a figure of
    19 digits was saved too and then broke every page."""
    at = _edit_page(_login(_app()))
    at.selectbox(key="edit.pick").set_value("cg-0001").run()
    at.text_input(key=form_key("cg-0001", 1, "households")).set_value("0839001234")
    _button(at, ja("staff.edit.save")).click().run()
    assert not at.exception, at.exception
    problems = _table(at, ja("staff.col.reason"))
    assert problems.iloc[0].tolist() == ["世帯数", "0839001234", "100,000 より大きい値です"]
    assert store.get("cg-0001").version == 1


def test_the_edit_form_speaks_the_new_language_and_keeps_its_choices(store: Store) -> None:
    """Switched to English, the form's labels are English, and its pickers are sent again
    with their choices in English words: in the old language's words, the browser's
    chosen fields and areas matched no choice and were dropped when the form was saved."""
    at = _edit_page(_login(_switchable_app()))
    at.selectbox(key="edit.pick").set_value("cg-0001").run()
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert not at.exception, at.exception
    labels = {w.label for w in (*at.text_input, *at.text_area, *at.selectbox, *at.multiselect)}
    for column in ("name", "fields", "area_id", "service_areas", "legal_form", "phone"):
        assert MESSAGES[f"record.{column}"]["en"] in labels, column
    assert not labels & {h.label_ja for h in HEADINGS}
    record = store.get("cg-0001").record
    english = store.reference.catalog.labels("en")
    fields = at.multiselect(key=form_key("cg-0001", 1, "fields")).proto
    assert fields.set_value
    assert list(fields.raw_values) == [english[c] for c in record["fields"].split(";")]
    assert at.selectbox(key=form_key("cg-0001", 1, "area_id")).proto.set_value
    # a text box is not sent again: what was typed and not yet saved stays
    assert not at.text_input(key=form_key("cg-0001", 1, "phone")).proto.set_value
    # and back: every picker's choice among its choices, in Japanese words (a label
    # computed at the time of the call, not bound up front, came back in English)
    at.sidebar.radio(key="lang.switch").set_value("ja").run()
    assert not at.exception, at.exception
    for column in ("area_id", "legal_form", "has_jishubo"):
        picker = at.selectbox(key=form_key("cg-0001", 1, column)).proto
        assert picker.raw_value in picker.options, column
    legal = at.selectbox(key=form_key("cg-0001", 1, "legal_form")).proto.raw_value
    assert legal == MESSAGES[f"legal.{record['legal_form']}"]["ja"]


def test_a_record_s_columns_are_named_in_both_languages() -> None:
    """In Japanese by the header an import file gives the column (the form teaches it)."""
    for heading in HEADINGS:
        assert MESSAGES[f"record.{heading.column}"]["ja"] == heading.label_ja
    assert {h.column for h in HEADINGS} == set(RECORD_COLUMNS)


def test_a_concurrent_edit_is_refused_not_lost(store: Store) -> None:
    at = _edit_page(_login(_app()))
    at.selectbox(key="edit.pick").set_value("cg-0002").run()
    org = store.get("cg-0002")
    store.edit("cg-0002", {**org.record, "email": "other@example.jp"}, expected_version=1, who="他")
    at.text_input(key=form_key("cg-0002", 1, "phone")).set_value("083-1")
    _button(at, ja("staff.edit.save")).click().run()
    assert ja("staff.edit.conflict") in [e.value for e in at.error]
    kept = store.get("cg-0002")
    assert (kept.record["email"], kept.record["phone"], kept.version) == ("other@example.jp", "", 2)
    at.button(key="edit.reload").click().run()
    at.text_input(key=form_key("cg-0002", 2, "phone")).set_value("083-1")
    _button(at, ja("staff.edit.save")).click().run()
    both = store.get("cg-0002")
    assert (both.record["email"], both.record["phone"]) == ("other@example.jp", "083-1")


def test_add_places_a_new_organisation_by_its_address(store: Store) -> None:
    at = _edit_page(_login(_app()))
    at.radio(key="edit.mode").set_value("add").run()
    at.text_input(key=form_key("new0", 0, "name")).set_value("新しい子ども食堂")
    at.multiselect(key=form_key("new0", 0, "fields")).set_value(["kosodate"])
    at.text_input(key=form_key("new0", 0, "address")).set_value(ADDRESS)
    _button(at, ja("staff.edit.save")).click().run()
    assert not at.exception, at.exception
    assert ja("staff.edit.added", org_id="cg-0343") in [s.value for s in at.success]
    added = store.get("cg-0343")
    assert (added.record["area_id"], added.match_level) == ("yuda", "town")
    assert added.record["is_sample"] == "false"


def test_add_places_a_new_organisation_without_an_address_at_its_area_s_center(
    store: Store,
) -> None:
    at = _edit_page(_login(_app()))
    at.radio(key="edit.mode").set_value("add").run()
    at.text_input(key=form_key("new0", 0, "name")).set_value("拠点だけの会")
    at.multiselect(key=form_key("new0", 0, "fields")).set_value(["kosodate"])
    at.selectbox(key=form_key("new0", 0, "area_id")).set_value("ouchi")
    _button(at, ja("staff.edit.save")).click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    added = store.get("cg-0343")
    assert (added.record["area_id"], added.match_level) == ("ouchi", "area")
    center = load_centers().set_index("area_id").geometry["ouchi"]
    assert (float(added.record["lon"]), float(added.record["lat"])) == pytest.approx(
        (center.x, center.y), abs=1e-6
    )


def test_retire_needs_a_confirmation(store: Store) -> None:
    at = _edit_page(_login(_app()))
    at.selectbox(key="edit.pick").set_value("assoc-0001").run()
    assert at.button(key="edit.retire.assoc-0001").disabled
    at.checkbox(key="edit.confirm.assoc-0001.v1").check().run()
    at.button(key="edit.retire.assoc-0001").click().run()
    assert store.get("assoc-0001").status == "retired"
    assert "assoc-0001" not in store.read_organisations()["org_id"].tolist()
