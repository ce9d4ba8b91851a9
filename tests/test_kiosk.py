"""The kiosk in AppTest: screens, sticky mode, refused pages, public fields only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.words import MESSAGES
from tests.conftest import ROOT

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


def test_attract_screen_first() -> None:
    at = kiosk()
    assert "画面にタッチしてください" in texts(at)
    labels = [b.label for b in at.button]
    for label in ("分野から探す", "地域から探す", "団体を探す", "日本語", "English"):
        assert label in labels


def test_field_then_area_then_details() -> None:
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    at.button(key="kiosk.field.bousai").click().run()
    assert "防災・減災" in at.header[0].value
    at.button(key="kiosk.nav.areas").click().run()
    at.button(key="kiosk.area.yuda").click().run()
    assert at.header[0].value == "湯田・防災・減災"
    assert "この分野で活動する団体" in texts(at)
    org_buttons = [b for b in at.button if b.key and b.key.startswith("kiosk.org.")]
    assert org_buttons
    org_buttons[0].click().run()
    body = texts(at)
    assert "083-901-1166" in body
    assert "さぽらんて" in body
    assert any("サンプル" in w.value for w in at.warning)


def test_search_by_name() -> None:
    at = kiosk()
    at.button(key="kiosk.start.search").click().run()
    at.text_input(key="kiosk.query").input("子ども応援").run()
    assert [b for b in at.button if b.key and b.key.startswith("kiosk.org.cg-")]


def test_language_button() -> None:
    at = kiosk()
    at.button(key="kiosk.lang.en").click().run()
    assert "Touch the screen to start" in texts(at)


def test_kiosk_mode_is_sticky_and_other_pages_are_not_registered() -> None:
    at = kiosk()
    at.query_params.clear()
    at.run()
    assert "画面にタッチしてください" in texts(at)
    for page in ("pages/matrix.py", "pages/area.py", "pages/explorer.py"):
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
    at.text_input(key="kiosk.query").input("テスト防災").run()
    at.button(key="kiosk.org.cg-9999").click().run()
    body = texts(at)
    for value in PRIVATE.values():
        assert value not in body
    # the public values of the same organisation are all there
    assert at.header[0].value == "テスト防災ネット"
    for key, value in (
        ("col.kind", ja("kind.civic_group")),
        ("col.fields", "防災・減災"),
        ("col.area", "吉敷"),
        ("col.serves", ja("citywide")),
        ("col.last_confirmed", "2023-02"),
    ):
        assert f"**{ja(key)}**: {value}" in body
    assert "083-901-1166" in body  # contact only through the support center


def test_one_language_button_in_the_bar_and_back_to_the_list() -> None:
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    assert at.button(key="kiosk.nav.lang").label == "English"
    at.button(key="kiosk.nav.lang").click().run()
    assert at.button(key="kiosk.nav.lang").label == "日本語"
    at.button(key="kiosk.field.bousai").click().run()
    org = next(b for b in at.button if b.key and b.key.startswith("kiosk.org."))
    org.click().run()
    at.button(key="kiosk.back").click().run()
    assert "Disaster preparedness" in at.header[0].value


def test_qr_code_opens_the_public_view(monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    from ui.kiosk import qr_svg

    monkeypatch.setenv("KYODO_PUBLIC_URL", "https://kyodo.example.jp/")
    at = kiosk()
    at.button(key="kiosk.start.fields").click().run()
    at.button(key="kiosk.field.bousai").click().run()
    (url,) = at.image[0].value
    assert url.startswith("data:image/svg+xml;base64,"), "inline, not a media file"
    shown = base64.b64decode(url.split(",", 1)[1]).decode()
    expected = qr_svg("https://kyodo.example.jp/?field=bousai&lang=ja")
    assert expected.split(' d="', 1)[1] in shown
