"""The kiosk in AppTest: screens, sticky mode, refused pages, public fields only."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextInput

from geo.words import MESSAGES
from tests.conftest import ROOT
from ui.kiosk.search import BOX

PRIVATE = {
    "representative": "秘密山田花子",
    "phone": "090-9876-5432",
    "email": "hanako.private@example.jp",
    "notes": "内部メモ：非公開",
}


#: A name that would load an image, run a script or style text if it were not inert.
HOSTILE_NAME = (
    "悪意![t](http://evil.example/t.png) **太字** <img src=x onerror=alert(1)> :red[赤] ${alert(1)}"
)


def ja(key: str) -> str:
    return MESSAGES[key]["ja"]


def kiosk(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["kiosk"] = "1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "button",
    ):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "label", None) or element.value))
    return "\n".join(parts)


def query_box(at: AppTest) -> TextInput:
    """The search's box (a new widget each time the keys change what it holds)."""
    (box,) = [b for b in at.text_input if str(b.key).startswith(f"{BOX}.")]
    return box


def org_keys(at: AppTest) -> list[str]:
    return [str(b.key) for b in at.button if b.key and b.key.startswith("kiosk.org.")]


def test_attract_screen_first() -> None:
    at = kiosk()
    assert "画面にタッチしてください" in texts(at)
    labels = [b.label for b in at.button]
    for label in ("分野から探す", "地域から探す", "名前から探す", "日本語", "English"):
        assert label in labels
    # a tile per local need, with its pictogram
    for code, name in (("bousai", "防災・減災"), ("kosodate", "子育て支援")):
        tile = at.button(key=f"kiosk.need.{code}")
        assert tile.label == name
        assert tile.proto.icon.startswith(":material/")


def test_a_tile_goes_straight_to_the_citywide_results() -> None:
    at = kiosk()
    at.button(key="kiosk.need.kosodate").click().run()
    assert at.header[0].value == "市内全域・子育て支援"
    assert "市内で「子育て支援」に取り組む団体" in texts(at)
    assert "この分野で活動する団体" not in texts(at)


@pytest.mark.parametrize(
    ("area", "tier_heading"),
    [(None, "市内で「子育て支援」に取り組む団体"), ("yuda", "湯田に拠点がある団体")],
)
def test_a_need_lists_first_those_that_work_on_it_itself(
    area: str | None, tier_heading: str
) -> None:
    """子育て支援 counts groups in 保健・医療・福祉 too; a visitor sees first those listing
    子育て支援 or 子どもの健全育成, not a welfare or IT group whose fields do not say it."""
    at = kiosk()
    at.button(key="kiosk.need.kosodate").click().run()
    if area:
        at.button(key="kiosk.nav.areas").click().run()
        at.button(key=f"kiosk.area.{area}").click().run()
    assert tier_heading in texts(at)
    entries = [str(b.label) for b in at.button if b.key and b.key.startswith("kiosk.org.")]
    # (the first page: civic groups of one tier, then associations)
    civic = [e.split("分野：", 1)[1] for e in entries if "自治会" not in e and "協議会" not in e]
    itself = [("子どもの健全育成" in f or "子育て支援" in f) for f in civic]
    assert itself[0] and itself == sorted(itself, reverse=True), civic


def test_field_then_area_then_details() -> None:
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    at.button(key="kiosk.field.bousai").click().run()
    assert "防災・減災" in at.header[0].value
    at.button(key="kiosk.nav.areas").click().run()
    at.button(key="kiosk.area.yuda").click().run()
    assert at.header[0].value == "湯田・防災・減災"
    body = texts(at)
    assert "湯田で「防災・減災」に取り組む団体" in body
    assert "湯田に拠点がある団体" in body
    assert org_keys(at)
    at.button(key=org_keys(at)[0]).click().run()
    body = texts(at)
    assert "受付でお声がけください" in body
    assert "さぽらんて" in body
    # the visitor is standing in the center: no phone number or address on the kiosk
    assert "083-901-1166" not in body
    assert any("サンプル" in w.value for w in at.warning)


def test_headings_for_all_fields() -> None:
    at = kiosk()
    at.button(key="kiosk.start.areas").click().run()
    at.button(key="kiosk.area.yuda").click().run()
    assert at.header[0].value == "湯田・すべての分野"
    body = texts(at)
    assert "湯田で活動する団体" in body
    assert "この分野で活動する団体" not in body


def test_results_show_a_page_then_more() -> None:
    at = kiosk()
    at.button(key="kiosk.start.areas").click().run()
    at.button(key="kiosk.area.yuda").click().run()
    first = org_keys(at)
    assert len(first) == 10
    more = at.button(key="kiosk.more")
    assert more.label.startswith("もっと見る（あと ")
    more.click().run()
    assert org_keys(at)[:10] == first
    assert len(org_keys(at)) == 20
    assert not re.search(r"ほか ?\d+ ?団体", texts(at))


def test_search_by_name() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    query_box(at).input("子ども応援").run()
    assert [k for k in org_keys(at) if k.startswith("kiosk.org.cg-")]


def press(at: AppTest, kana: str) -> None:
    at.button(key=f"kiosk.key.{ord(kana):x}").click().run()


def test_search_with_the_kana_keyboard() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    for kana in "ふれあい":
        press(at, kana)
    assert query_box(at).value == "ふれあい"
    found = org_keys(at)
    assert found
    names = [b.label for b in at.button if b.key in found]
    assert all("ふれあい" in n for n in names)
    # katakana typed with the keys finds the same (フレアイ and ふれあい fold alike)
    at.button(key="kiosk.key.clear").click().run()
    assert query_box(at).value == ""
    query_box(at).input("フレアイ").run()
    assert org_keys(at) == found
    at.button(key="kiosk.key.backspace").click().run()
    assert query_box(at).value == "フレア"


def test_the_keyboard_marks() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    press(at, "は")
    at.button(key="kiosk.key.handakuten").click().run()
    assert query_box(at).value == "ぱ"
    at.button(key="kiosk.key.dakuten").click().run()
    assert query_box(at).value == "ば"
    press(at, "つ")
    at.button(key="kiosk.key.small").click().run()
    assert query_box(at).value == "ばっ"


def test_search_by_the_kana_index() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    index = [b for b in at.button if b.key and b.key.startswith("kiosk.row.")]
    assert [b.label for b in index][:10] == list("あかさたなはまやらわ")
    at.button(key="kiosk.row.5").click().run()  # は
    names = [b.label for b in at.button if b.key in org_keys(at)]
    assert names and all("ふれあい" in n for n in names[:5])
    assert "読みが「は」行で始まる団体" in texts(at)
    # a row without any name cannot be tapped
    assert at.button(key="kiosk.row.0").disabled


def test_language_button() -> None:
    at = kiosk()
    at.button(key="kiosk.lang.en").click().run()
    assert "Touch the screen to start" in texts(at)


@pytest.mark.parametrize(
    ("asked", "prompt", "reset"),
    [
        ("en", "Touch the screen to start", "./?kiosk=1&lang=en"),
        ("ja", "画面にタッチしてください", "./?kiosk=1"),
        ("fr", "画面にタッチしてください", "./?kiosk=1"),
        ("en&x=<b>", "画面にタッチしてください", "./?kiosk=1"),
    ],
)
def test_the_address_names_the_language_visitors_start_in(
    asked: str, prompt: str, reset: str
) -> None:
    at = kiosk(lang=asked)
    assert prompt in texts(at)
    at.button(key="kiosk.lang.ja" if "Touch" in prompt else "kiosk.lang.en").click().run()
    assert prompt not in texts(at)  # the visitor's choice, for this visitor only
    assert _reset_target(at) == reset


def _reset_target(at: AppTest) -> str:
    """Where the page's idle reset goes (the target in its script)."""
    scripts = [str(e.proto.body) for e in at.get("html") if "__kyodoIdle" in str(e.proto.body)]
    assert len(scripts) == 1
    found = re.search(r'target = ("[^"]*")', scripts[0])
    assert found is not None
    return str(json.loads(found[1]))


def test_kiosk_mode_is_sticky_and_other_pages_are_not_registered() -> None:
    at = kiosk()
    at.query_params.clear()
    at.run()
    assert "画面にタッチしてください" in texts(at)
    for page in ("pages/matrix.py", "pages/area.py", "pages/explorer.py", "pages/view.py"):
        with pytest.raises(ValueError):
            at.switch_page(page)


@pytest.mark.parametrize("flag", ["1", "on", "ON", "true", "yes"])
def test_server_wide_kiosk(flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_KIOSK", flag)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert "画面にタッチしてください" in texts(at)


@pytest.mark.parametrize("flag", ["0", "off", "no", "false", ""])
def test_kiosk_flag_off_is_the_normal_app(flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_KIOSK", flag)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "画面にタッチしてください" not in texts(at)
    assert at.sidebar.radio(key="lang.switch")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KYODO_KIOSK", "sometimes"),
        ("KYODO_KIOSK_IDLE_SECONDS", "2"),
        ("KYODO_KIOSK_IDLE_SECONDS", "soon"),
        ("KYODO_CITY", "99998"),
    ],
)
def test_a_bad_setting_stops_the_app_with_its_name(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [MESSAGES["settings.invalid"]["ja"]]
    assert name in at.code[0].value
    assert not at.button and not at.sidebar.radio


def with_private_org(tmp_path: Path) -> Path:
    """A copy of the bundled data with one organisation that has private fields."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "yamaguchi", folder)
    orgs = pd.read_csv(folder / "organisations.csv", dtype=str, keep_default_na=False)
    row = orgs[orgs["org_id"] == "cg-0001"].iloc[0].copy()
    row["org_id"] = "cg-9999"
    row["name"] = "テスト防災ネット"
    row["fields"] = "bousai"
    row["service_areas"] = "*"
    for key, value in PRIVATE.items():
        row[key] = value
    hostile = row.copy()
    hostile["org_id"] = "cg-9998"
    hostile["name"] = HOSTILE_NAME
    for key in PRIVATE:
        hostile[key] = ""
    rows = pd.concat([orgs, row.to_frame().T, hostile.to_frame().T])
    rows.to_csv(folder / "organisations.csv", index=False)
    return folder


def test_private_fields_never_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_DATA_DIR", str(with_private_org(tmp_path)))
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    query_box(at).input("テスト防災").run()
    at.button(key="kiosk.org.cg-9999").click().run()
    body = texts(at)
    for value in PRIVATE.values():
        assert value not in body
    # the public values of the same organisation are all there
    assert at.header[0].value == "テスト防災ネット"
    for key, value in PUBLIC_FACTS:
        assert f"**{ja(key)}**: {value}" in body
    assert "受付でお声がけください" in body  # contact only through the support center


#: The public facts of the organisation ``with_private_org`` adds.
PUBLIC_FACTS = (
    ("col.kind", ja("kind.civic_group")),
    ("col.fields", "防災・減災"),
    ("col.area", "吉敷"),
    ("col.serves", ja("citywide")),
    ("col.last_confirmed", "2023-02"),
)


def test_one_language_button_in_the_bar_and_back_to_the_list() -> None:
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    assert at.button(key="kiosk.nav.lang").label == "English"
    at.button(key="kiosk.nav.lang").click().run()
    assert at.button(key="kiosk.nav.lang").label == "日本語"
    at.button(key="kiosk.field.bousai").click().run()
    at.button(key=org_keys(at)[0]).click().run()
    at.button(key="kiosk.back").click().run()
    assert "Disaster preparedness" in at.header[0].value


def test_back_from_a_group_found_by_name_returns_to_the_search() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    query_box(at).input("子ども応援").run()
    at.button(key=org_keys(at)[0]).click().run()
    at.button(key="kiosk.back").click().run()
    assert at.header[0].value == "名前から探す"
    assert query_box(at).value == "子ども応援"


def shown_qr(at: AppTest) -> str:
    """The SVG of the one QR code on the screen."""
    import base64

    (image,) = at.image
    (url,) = image.value
    assert url.startswith("data:image/svg+xml;base64,"), "inline, not a media file"
    return base64.b64decode(url.split(",", 1)[1]).decode()


def same_code(shown: str, url: str) -> bool:
    from ui.kiosk import qr_svg

    return qr_svg(url).split(' d="', 1)[1] in shown


def test_qr_code_opens_the_public_view(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_PUBLIC_URL", "https://kyodo.example.jp/")
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    at.button(key="kiosk.field.bousai").click().run()
    assert same_code(shown_qr(at), "https://kyodo.example.jp/view?field=bousai&lang=ja")
    at.button(key="kiosk.nav.areas").click().run()
    at.button(key="kiosk.area.yuda").click().run()
    url = "https://kyodo.example.jp/view?field=bousai&area=yuda&lang=ja"
    assert same_code(shown_qr(at), url)
    # each group's page has its own code
    org = org_keys(at)[0].removeprefix("kiosk.org.")
    at.button(key=f"kiosk.org.{org}").click().run()
    assert same_code(shown_qr(at), f"https://kyodo.example.jp/view?org={org}&lang=ja")


@pytest.mark.parametrize("value", ["", "kyodo.example.jp", "javascript:alert(1)"])
def test_no_public_address_no_qr_code_and_one_warning(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from ui.kiosk import qr

    monkeypatch.setenv("KYODO_PUBLIC_URL", value)
    monkeypatch.setattr(qr, "_warned", set())
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    qr.LOG.addHandler(handler)
    try:
        for _ in range(2):  # two visitors, one process
            at = kiosk()
            at.button(key="kiosk.start.areas").click().run()
            at.button(key="kiosk.area.yuda").click().run()
            assert not at.image
            at.button(key=org_keys(at)[0]).click().run()
            assert not at.image
    finally:
        qr.LOG.removeHandler(handler)
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert "KYODO_PUBLIC_URL" in records[0].getMessage()
    assert "no QR code" in records[0].getMessage()


# --- the phone view the QR code opens ---------------------------------------------------------


def phone(**params: str) -> AppTest:
    """The phone view at ``/view?<params>``, opened as a phone opens the QR code's address:
    the view page alone."""
    script = (
        "import streamlit as st\n"
        f"st.navigation([st.Page({str(ROOT / 'pages' / 'view.py')!r}, url_path='view')]).run()\n"
    )
    at = AppTest.from_string(script, default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_phone_view_shows_the_kiosks_list_in_the_same_order() -> None:
    kiosk_at = kiosk()
    kiosk_at.button(key="kiosk.need.kosodate").click().run()
    kiosk_at.button(key="kiosk.nav.areas").click().run()
    kiosk_at.button(key="kiosk.area.yuda").click().run()
    at = phone(field="kosodate", area="yuda")
    assert at.header[0].value == kiosk_at.header[0].value == "湯田・子育て支援"
    assert org_keys(at) == org_keys(kiosk_at)
    assert "湯田で「子育て支援」に取り組む団体" in texts(at)
    assert at.caption[0].value == "山口市 協働まちづくりマップ"
    # the support center's phone number and address are here, not on the kiosk
    assert "083-901-1166" in texts(at)
    assert "083-901-1166" not in texts(kiosk_at)


def test_the_phone_view_of_a_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_DATA_DIR", str(with_private_org(tmp_path)))
    at = phone(org="cg-9999", lang="en")
    assert at.header[0].value == "テスト防災ネット"
    body = texts(at)
    for value in PRIVATE.values():
        assert value not in body
    assert "Getting in touch" in body
    assert "083-901-1166" in body
    # named as every other page names the map
    assert at.caption[0].value == "Yamaguchi City Collaboration Map"


def test_the_phone_view_opens_a_group_and_goes_back() -> None:
    at = phone(field="bousai", area="yuda")
    first = org_keys(at)[0]
    at.button(key=first).click().run()
    assert at.query_params["org"] == first.removeprefix("kiosk.org.")
    assert at.header[0].value != "湯田・防災・減災"
    at.button(key="view.back").click().run()
    assert "org" not in at.query_params
    assert at.header[0].value == "湯田・防災・減災"


@pytest.mark.parametrize(
    "params",
    [{"field": "nothing", "area": "atlantis"}, {"org": "<b>x</b>"}, {"org": "cg-00000"}],
)
def test_the_phone_view_ignores_what_it_does_not_know(params: dict[str, str]) -> None:
    at = phone(**params)
    assert not at.exception
    assert "083-901-1166" in texts(at)


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"field": "nothing", "area": "atlantis", "lang": "xx"}, {}),
        (
            {"field": "bousai", "area": "yuda", "extra": "<b>x</b>"},
            {"field": "bousai", "area": "yuda"},
        ),
        ({"org": "<b>x</b>", "lang": "en"}, {"lang": "en"}),
    ],
)
def test_the_phone_views_address_keeps_only_what_it_shows(
    params: dict[str, str], kept: dict[str, str]
) -> None:
    at = phone(**params)
    assert dict(at.query_params) == kept
