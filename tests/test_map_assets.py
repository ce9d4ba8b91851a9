"""The browser libraries a map loads and where from (geo/map/assets.py, static/map/)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from branca.element import Element

from geo.map import MapAssets, MapSpec, asset_dirs
from geo.map.assets import (
    DEFAULT_ASSET_DIRS,
    OWN_FILES,
    STATIC_DIR,
    STATIC_URL,
    asset_urls,
    embed_assets,
    link_assets,
    local_asset,
    localise_assets,
    missing_assets,
    own_files,
    own_url,
    publish_assets,
)
from geo.model import CityData
from tests.conftest import ROOT
from tests.map_helpers import (
    MAP_SCRIPTS,
    descendants,
    map_code,
    render,
    replay,
    static_text,
    tiny_map,
    tiny_parts,
)


def test_map_loads_only_leaflet_and_its_own_files(tiny: CityData) -> None:
    urls = asset_urls(tiny_map(tiny))
    names = [unversioned(u).rsplit("/", 1)[-1] for u in urls]
    assert names == ["leaflet.js", "leaflet.css", *MAP_SCRIPTS, "kyodo.css"]
    assert [unversioned(u) for u in urls[-2:]] == [
        "/app/static/map/kyodo.js",
        "/app/static/map/kyodo.css",
    ]


def unversioned(url: str) -> str:
    """``url`` without the version the map's own files carry (``?v=…``)."""
    return url.split("?", 1)[0]


def test_the_map_s_own_files_carry_their_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new release's page never loads a copy of the map's code that a browser kept
    from the last one: the address changes with the file's content."""
    import geo.map.assets as assets

    (tmp_path / "map").mkdir()
    code = tmp_path / "map" / "kyodo.js"
    code.write_text("L.kyodo = {};\n", encoding="utf-8")
    monkeypatch.setattr(assets, "STATIC_DIR", tmp_path)
    first = own_url("kyodo.js")
    assert re.fullmatch(r"/app/static/map/kyodo\.js\?v=[0-9a-f]{12}", first), first
    assert own_url("kyodo.js") == first  # the same file, the same address
    code.write_text("L.kyodo = {points: 1};\n", encoding="utf-8")
    assert own_url("kyodo.js") != first
    assert local_asset(own_url("kyodo.js"), []) == code  # found by its name still


@pytest.fixture()
def asset_dir(tmp_path: Path) -> Path:
    """A fake Debian-style /usr/share/javascript with Leaflet only."""
    leaflet = tmp_path / "leaflet"
    (leaflet / "images").mkdir(parents=True)
    (leaflet / "leaflet.js").write_text("window.L = {}; // </script> inside\n", encoding="utf-8")
    (leaflet / "leaflet.css").write_text(
        ".leaflet-control-layers-toggle{background-image:url(images/layers.png)}",
        encoding="utf-8",
    )
    (leaflet / "images" / "layers.png").write_bytes(b"\x89PNG fake")
    return tmp_path


def test_local_asset_lookup(asset_dir: Path) -> None:
    assert local_asset("https://cdn.example/leaflet@1.9.3/dist/leaflet.js", [asset_dir]) == (
        asset_dir / "leaflet" / "leaflet.js"
    )
    assert local_asset("https://cdn.example/leaflet.markercluster.js", [asset_dir]) is None
    assert local_asset("https://cdn.example/unknown.js", [asset_dir]) is None


def test_localise_assets_inlines_what_is_found(tiny: CityData, asset_dir: Path) -> None:
    html = render(tiny_map(tiny))
    local = localise_assets(html, [asset_dir])
    assert "leaflet@1.9.3/dist/leaflet.js" not in local
    assert "leaflet@1.9.3/dist/leaflet.css" not in local
    assert "window.L = {};" in local
    assert "<\\/script> inside" in local
    assert "data:image/png;base64," in local  # the CSS image came along
    assert missing_assets(local, [asset_dir]) == []
    assert missing_assets(html, []) == [u for u in asset_urls(tiny_map(tiny)) if "leaflet" in u]


def test_embed_assets_points_elements_at_data_uris(tiny: CityData, asset_dir: Path) -> None:
    m = tiny_map(tiny)
    missing = embed_assets(m, [asset_dir])
    assert missing == []
    urls = asset_urls(m)
    leaflet_js = next(u for u in urls if u.startswith("data:text/javascript"))
    code = base64.b64decode(leaflet_js.split(",", 1)[1]).decode()
    assert code.startswith("window.L")
    css = next(u for u in urls if u.startswith("data:text/css"))
    assert "data:image/png;base64," in base64.b64decode(css.split(",", 1)[1]).decode()
    assert embed_assets(m, [asset_dir]) == missing  # idempotent


def test_base_carries_every_library(tiny: CityData) -> None:
    """Civic groups switched on later need no new script: the base loads them all."""
    sent = replay(tiny_parts(tiny, MapSpec(layers=())))
    names = [unversioned(u).rsplit("/", 1)[-1] for u in sent.js_links]
    assert names == ["leaflet.js", *MAP_SCRIPTS]
    parts = tiny_parts(tiny)
    for group in parts.layers:
        assert asset_urls_of(group) == []


def asset_urls_of(element: Element) -> list[str]:
    return [
        u
        for e in [element, *descendants(element, object)]
        for attr in ("default_js", "default_css")
        for _, u in getattr(e, attr, [])
    ]


def test_base_embeds_every_library(tiny: CityData, asset_dir: Path) -> None:
    assets = MapAssets(embed=True, dirs=asset_dirs([asset_dir]))
    parts = tiny_parts(tiny, MapSpec(layers=()), assets=assets)
    urls = asset_urls(parts.base)
    assert len(urls) == 2 + len(MAP_SCRIPTS) + 1  # Leaflet, the map's scripts, kyodo.css
    assert all(u.startswith("data:") for u in urls)
    sent = replay(parts)
    assert all(u.startswith("data:") for u in sent.js_links)


# --- the map's own files ---------------------------------------------------------------------


def test_own_files_exist_in_static() -> None:
    assert STATIC_DIR == ROOT / "static"
    for name, path in own_files().items():
        assert path == STATIC_DIR / "map" / name
        assert path.is_file(), path
        assert path.read_text(encoding="utf-8").strip()
    assert set(OWN_FILES) == {*MAP_SCRIPTS, "kyodo.css", "kyodo-touch.css"}


def test_the_app_serves_static_at_the_url_the_map_uses() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^enableStaticServing\s*=\s*true$", config, re.M)
    assert STATIC_URL == "/app/static"


@pytest.mark.parametrize(
    ("spec", "files"),
    [
        (MapSpec(), [*MAP_SCRIPTS, "kyodo.css"]),
        (MapSpec(touch=True), [*MAP_SCRIPTS, "kyodo.css", "kyodo-touch.css"]),
    ],
)
def test_own_files_are_referenced_by_the_base(
    tiny: CityData, spec: MapSpec, files: list[str]
) -> None:
    parts = tiny_parts(tiny, spec)
    html = render(parts.base)
    ours = [u for u in asset_urls(parts.base) if u.startswith(STATIC_URL)]
    assert [unversioned(u) for u in ours] == [f"{STATIC_URL}/map/{name}" for name in files]
    for url in ours:
        assert url in html
    for group in parts.layers:  # the layers load nothing: the base has it all
        assert not [u for u in asset_urls_of(group) if u.startswith(STATIC_URL)]


def test_every_call_the_elements_make_is_defined_in_kyodo_js(tiny: CityData) -> None:
    code = static_text("kyodo.js")
    defined = set(re.findall(r"^\s*(\w+): \w+,?$", code.split("L.kyodo = {", 1)[1], re.M))
    html = render(tiny_map(tiny, MapSpec(area_id="nw")))
    called = set(re.findall(r"L\.kyodo\.(\w+)\(", html))
    made = {"areas", "labels", "points", "legend", "home", "texts", "view", "layers"}
    assert called == made | {"setup", "offline"}
    assert called <= defined
    assert defined == called | {"counts"}
    assert "L.KyodoDots = L.Path.extend(" in static_text("kyodo-points.js")


@pytest.mark.parametrize("name", ["kyodo.css", "kyodo-touch.css"])
def test_every_class_the_map_styles_is_in_its_css(name: str) -> None:
    css = static_text(name)
    code = map_code()
    for klass in re.findall(r"^\.(kyodo-[a-z]+)", css, re.M):
        assert klass in code or klass in {"kyodo-gap", "kyodo-area"}, klass


def test_gaps_are_hatched_in_every_class_colour() -> None:
    from geo.map.style import PALETTE

    css = static_text("kyodo.css")
    for i in range(len(PALETTE)):
        assert f".kyodo-gap.kyodo-c{i} {{ fill: url(#kyodo-hatch-{i}); }}" in css
    assert f".kyodo-gap.kyodo-c{len(PALETTE)}" not in css


def test_own_files_are_found_embedded_and_linked(tiny: CityData, tmp_path: Path) -> None:
    for name, path in own_files().items():
        assert local_asset(f"{STATIC_URL}/map/{name}", []) == path
    m = tiny_map(tiny)
    assert embed_assets(m, []) == [u for u in asset_urls(tiny_map(tiny)) if u.startswith("http")]
    embedded = [u for u in asset_urls(m) if u.startswith("data:")]
    assert len(embedded) == len(MAP_SCRIPTS) + 1
    code = [base64.b64decode(u.split(",", 1)[1]).decode() for u in embedded[:-1]]
    assert code == [static_text(name) for name in MAP_SCRIPTS]
    other = tiny_map(tiny)
    missing = link_assets(other, {"kyodo.js": "js/k.js", "kyodo.css": "css/k.css"})
    assert "js/k.js" in asset_urls(other) and "css/k.css" in asset_urls(other)
    assert not [u for u in missing if u.startswith(STATIC_URL)]
    assert publish_assets(tmp_path / "vendor", []) == {}
    assert (Path("/usr/share/javascript"),) == DEFAULT_ASSET_DIRS
