"""The browser libraries a map loads, and where it loads them from.

The map needs Leaflet and its own code and styles (``static/map/``: ``kyodo.js`` with
``kyodo-shapes.js``, ``kyodo-labels.js`` and ``kyodo-points.js``,
``kyodo.css`` and, on a touch screen, ``kyodo-touch.css``); nothing else (no jQuery,
Bootstrap, Font Awesome or marker-cluster library: the map gathers its points itself).
By default Leaflet comes from the CDN folium names and the map's own files from the
app, which serves ``static/`` at :data:`STATIC_URL`. :class:`MapAssets` says
otherwise: links to copies served elsewhere (:func:`publish_assets` makes them), or
every library embedded in the page as ``data:`` URIs, from local copies found in the
folders it is given (Debian's ``libjs-leaflet`` installs them under
:data:`DEFAULT_ASSET_DIRS`). Nothing here reads the environment: the folders are
passed in.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import mimetypes
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import folium
from folium.elements import JSCSSMixin

from geo.map.branca_compat import walk
from geo.settings import PROJECT_ROOT

#: Where Debian's libjs-* packages put browser libraries.
DEFAULT_ASSET_DIRS = (Path("/usr/share/javascript"),)

#: The project's ``static/`` folder and the address the app serves it at.
STATIC_DIR = PROJECT_ROOT / "static"
STATIC_URL = "/app/static"

#: The map's own files: file name -> path under ``static/``.
OWN_FILES: Mapping[str, str] = {
    "kyodo-shapes.js": "map/kyodo-shapes.js",
    "kyodo-labels.js": "map/kyodo-labels.js",
    "kyodo-points.js": "map/kyodo-points.js",
    "kyodo.js": "map/kyodo.js",
    "kyodo.css": "map/kyodo.css",
    "kyodo-touch.css": "map/kyodo-touch.css",
}

#: File name in a CDN URL -> paths tried under each asset folder, first match wins.
ASSET_FILES: Mapping[str, tuple[str, ...]] = {
    "leaflet.js": ("leaflet/leaflet.min.js", "leaflet/leaflet.js"),
    "leaflet.css": ("leaflet/leaflet.css",),
    "jquery-3.7.1.min.js": ("jquery/jquery.min.js",),
}


def own_url(name: str) -> str:
    """Where the app serves one of the map's own files (:data:`OWN_FILES`), with the
    file's version (``?v=`` and the start of its content's digest).

    A page that a new release of the map's code builds never loads an older copy of the
    code that a browser kept: the app serves ``static/`` without cache headers, so a
    browser may keep a file for days.
    """
    path = STATIC_DIR / OWN_FILES[name]
    stat = path.stat()
    return f"{STATIC_URL}/{OWN_FILES[name]}?v={_version(path, stat.st_mtime_ns, stat.st_size)}"


@functools.lru_cache(maxsize=64)
def _version(path: Path, mtime_ns: int, size: int) -> str:
    """The first 12 hex digits of the SHA-256 of ``path`` (as it is at ``mtime_ns``
    with ``size`` bytes: a changed file is read again)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def own_files() -> dict[str, Path]:
    """The map's own files: file name -> path."""
    return {name: STATIC_DIR / rel for name, rel in OWN_FILES.items()}


def asset_dirs(extra: Sequence[Path] = ()) -> tuple[Path, ...]:
    """Folders searched for local copies: ``extra`` first (e.g. the setting
    ``asset_dirs``), then Debian's."""
    return tuple(Path(p) for p in extra) + DEFAULT_ASSET_DIRS


@dataclass(frozen=True)
class MapAssets:
    """Where a map loads its browser libraries from.

    Attributes
    ----------
    links
        Library file name (as in a CDN URL, or a key of :data:`OWN_FILES`) -> URL it
        is served at, e.g. from :func:`publish_assets`. When given, it is used and
        ``embed`` is not.
    embed
        Embed the local copy of each library found in ``dirs`` (and the map's own
        files) as a ``data:`` URI, so the page works without internet or a server.
    dirs
        Folders searched for local copies (:func:`asset_dirs`).
    """

    links: Mapping[str, str] = field(default_factory=dict)
    embed: bool = False
    dirs: tuple[Path, ...] = DEFAULT_ASSET_DIRS

    def apply(self, m: folium.Map) -> list[str]:
        """Point the map's libraries where this says; return the URLs left on the internet."""
        if self.links:
            return link_assets(m, self.links)
        if self.embed:
            return embed_assets(m, self.dirs)
        return [u for u in asset_urls(m) if _remote(u)]


#: Libraries from the CDNs, the map's own files from the app.
FROM_THE_INTERNET = MapAssets()


def _name(url: str) -> str:
    """The file name in ``url`` (without its query: ``kyodo.js?v=…`` is ``kyodo.js``)."""
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


def _remote(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def local_asset(url: str, dirs: Sequence[Path] = DEFAULT_ASSET_DIRS) -> Path | None:
    """The local copy of the library at ``url``, or ``None`` when there is none.

    The map's own files (:data:`OWN_FILES`) are found in ``static/`` whatever ``dirs``.
    """
    name = _name(url)
    if name in OWN_FILES:
        own = STATIC_DIR / OWN_FILES[name]
        return own if own.is_file() else None
    for folder in dirs:
        for rel in ASSET_FILES.get(name, ()):
            path = Path(folder) / rel
            if path.is_file():
                return path
    return None


def asset_urls(m: folium.Map) -> list[str]:
    """Every script and stylesheet URL the map's elements load, in order."""
    urls: list[str] = []
    for element in walk(m.get_root()):
        if isinstance(element, JSCSSMixin):
            urls += [u for _, u in element.default_js] + [u for _, u in element.default_css]
    return list(dict.fromkeys(urls))


_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?!data:|https?:|/|#)([^'\")]+)\1\s*\)")


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        mime = "text/javascript"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _css_text(path: Path) -> str:
    """A stylesheet with its relative images inlined as data URIs."""
    text = path.read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        target = (path.parent / match.group(2)).resolve()
        return f'url("{_data_uri(target)}")' if target.is_file() else match.group(0)

    return _CSS_URL.sub(inline, text)


def _asset_uri(path: Path) -> str:
    if path.suffix == ".css":
        css = _css_text(path).encode("utf-8")
        return f"data:text/css;base64,{base64.b64encode(css).decode('ascii')}"
    return _data_uri(path)


def publish_assets(target: Path, dirs: Sequence[Path] = DEFAULT_ASSET_DIRS) -> dict[str, str]:
    """Copy the local copies of the map's libraries into ``target``, to be served.

    Stylesheets come with the images they refer to. Files already there and equal are
    left alone. The map's own files are not copied: the app serves them from
    ``static/`` already (:func:`own_files` lists them).

    Parameters
    ----------
    target
        Folder to copy into (created when missing).
    dirs
        Folders to search (:func:`asset_dirs`).

    Returns
    -------
    Library file name (as in a CDN URL) -> path of its copy relative to ``target``,
    for every library found locally.
    """
    published: dict[str, str] = {}
    for name in ASSET_FILES:
        path = local_asset(name, dirs)
        if path is None:
            continue
        rel = Path(path.parent.name) / path.name
        _copy_if_changed(path, target / rel)
        if path.suffix == ".css":
            _publish_images(path, target / rel.parent)
        published[name] = rel.as_posix()
    return published


def _publish_images(stylesheet: Path, target: Path) -> None:
    """Copy the images a stylesheet refers to (within its folder) beside its copy."""
    folder = stylesheet.parent.resolve()
    for match in _CSS_URL.finditer(stylesheet.read_text(encoding="utf-8")):
        image = (stylesheet.parent / match.group(2)).resolve()
        if image.is_file() and folder in image.parents:
            _copy_if_changed(image, target / image.relative_to(folder))


def _copy_if_changed(source: Path, dest: Path) -> None:
    data = source.read_bytes()
    if dest.is_file() and dest.read_bytes() == data:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)


def _relink(m: folium.Map, target_of: Callable[[str], str | None]) -> list[str]:
    """Replace each library URL by ``target_of(url)`` where it gives one; return the
    URLs left on the internet."""
    missing: list[str] = []
    for element in walk(m.get_root()):
        if not isinstance(element, JSCSSMixin):
            continue
        for attr in ("default_js", "default_css"):
            updated = []
            for name, url in getattr(element, attr):
                target = target_of(url)
                if target is None and _remote(url):
                    missing.append(url)
                updated.append((name, target or url))
            setattr(element, attr, updated)
    return list(dict.fromkeys(missing))


def link_assets(m: folium.Map, links: Mapping[str, str]) -> list[str]:
    """Point the map's libraries at ``links`` (library file name -> URL).

    Parameters
    ----------
    m
        A map (its base, or the composed page).
    links
        Where each library is served, e.g. from :func:`publish_assets`.

    Returns
    -------
    The URLs with no link, still loaded from the internet.
    """
    return _relink(m, lambda url: links.get(_name(url)))


def embed_assets(m: folium.Map, dirs: Sequence[Path] = DEFAULT_ASSET_DIRS) -> list[str]:
    """Point the map's libraries at local copies, as ``data:`` URIs.

    This works for a saved page and for ``st_folium``, which loads the libraries
    from each element's ``default_js``/``default_css`` itself. Call it on a fresh map
    (it changes the map's elements).

    Parameters
    ----------
    m
        A map (its base, or the composed page).
    dirs
        Folders to search (:func:`asset_dirs`).

    Returns
    -------
    The URLs with no local copy, still loaded from the internet.
    """

    def embedded(url: str) -> str | None:
        path = None if url.startswith("data:") else local_asset(url, dirs)
        return None if path is None else _asset_uri(path)

    return _relink(m, embedded)


_SCRIPT_SRC = re.compile(r'<script src="((?:https?://|/app/static/)[^"]+)"></script>')
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="((?:https?://|/app/static/)[^"]+)"/>')


def localise_assets(html_text: str, dirs: Sequence[Path] = DEFAULT_ASSET_DIRS) -> str:
    """Inline the local copies of the libraries a rendered page loads.

    Parameters
    ----------
    html_text
        A rendered page, e.g. ``m.get_root().render()``.
    dirs
        Folders to search (:func:`asset_dirs`).

    Returns
    -------
    The page with each ``<script src>`` and stylesheet ``<link>`` (to a CDN or to the
    app's ``static/``) whose library is found locally replaced by its content; the
    others are left as they are.
    """

    def script(match: re.Match[str]) -> str:
        path = local_asset(match.group(1), dirs)
        if path is None:
            return match.group(0)
        code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def stylesheet(match: re.Match[str]) -> str:
        path = local_asset(match.group(1), dirs)
        if path is None:
            return match.group(0)
        css = _css_text(path).replace("</style", "<\\/style")
        return f"<style>{css}</style>"

    return _CSS_LINK.sub(stylesheet, _SCRIPT_SRC.sub(script, html_text))


def missing_assets(html_text: str, dirs: Sequence[Path] = DEFAULT_ASSET_DIRS) -> list[str]:
    """Library URLs in a rendered page with no local copy."""
    urls = _SCRIPT_SRC.findall(html_text) + _CSS_LINK.findall(html_text)
    return [u for u in dict.fromkeys(urls) if local_asset(u, dirs) is None]


__all__ = [
    "ASSET_FILES",
    "DEFAULT_ASSET_DIRS",
    "FROM_THE_INTERNET",
    "OWN_FILES",
    "STATIC_DIR",
    "STATIC_URL",
    "MapAssets",
    "asset_dirs",
    "asset_urls",
    "embed_assets",
    "link_assets",
    "local_asset",
    "localise_assets",
    "missing_assets",
    "own_files",
    "own_url",
    "publish_assets",
]
