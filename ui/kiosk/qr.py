"""The kiosk's QR code: the public phone view of what is on the screen.

The code opens ``<public address>/view?field=…&area=…&org=…&lang=…`` (the ``view``
page, :mod:`pages.view`) at the address visitors' phones reach the public app at:
the ``public_url`` setting (``KYODO_PUBLIC_URL``). The kiosk's own address is never
used: it is usually a loopback address and would open the kiosk, not the view. Without
the setting (or with one that is not an http(s) address) the kiosk draws no QR code
at all, and says why once in the server's log.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st
from streamlit.logger import get_logger

from ui import settings
from ui.a11y import qr_alt
from ui.i18n import t

#: The path of the public phone view under the public address.
VIEW_PATH = "view"
#: The parameters the phone view understands, in the order they are written.
VIEW_PARAMS = ("field", "area", "org", "lang")
#: Width of the QR code on the screen, in CSS pixels.
QR_WIDTH = 180

LOG = get_logger("kyodo.kiosk")
_warned: set[str] = set()
_lock = threading.Lock()


def view_url(base: str | None, params: Mapping[str, str | None]) -> str | None:
    """The public phone view of ``params`` under ``base``, or ``None`` without a usable base.

    Parameters
    ----------
    base
        The public address (``https://kyodo.example.jp/``, possibly with a path);
        ``None``, empty or not an http(s) address with a host gives ``None``.
    params
        ``field``, ``area``, ``org`` and ``lang``; empty values and other names are left
        out.

    Returns
    -------
    For example ``https://kyodo.example.jp/view?field=kosodate&area=yuda&lang=ja``.
    """
    parts = urlsplit((base or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path.rstrip("/") + "/" + VIEW_PATH
    query = urlencode([(k, str(params[k])) for k in VIEW_PARAMS if params.get(k)])
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def _warn_once(value: str | None) -> None:
    key = value or ""
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    if value:
        LOG.warning(
            "KYODO_PUBLIC_URL=%r is not an http(s) address: the kiosk shows no QR code. "
            "Set it to the address visitors' phones reach the public view at, e.g. "
            "https://kyodo.example.jp/ (see README: The kiosk screen).",
            value,
        )
    else:
        LOG.warning(
            "KYODO_PUBLIC_URL is not set: the kiosk shows no QR code. Set it to the "
            "address visitors' phones reach the public view at, e.g. "
            "https://kyodo.example.jp/ (see README: The kiosk screen)."
        )


def check_public_url() -> bool:
    """Whether the kiosk can draw QR codes; logs one warning per process when it cannot.

    Called at the start of every kiosk run: the warning is written the first time
    only (once per value of the setting).
    """
    base = settings.current().public_url
    usable = view_url(base, {}) is not None
    if not usable:
        _warn_once(base)
    return usable


def public_link(params: Mapping[str, str | None]) -> str | None:
    """The phone view of ``params`` at the public address, or ``None`` without one."""
    return view_url(settings.current().public_url, params)


def qr_svg(url: str) -> str:
    """A QR code of ``url`` as SVG markup.

    ``st.image`` shows it inline (a ``data:`` URI), not as a media file that a page
    change could remove before the browser has fetched it.
    """
    return str(segno.make(url, error="m").svg_inline(scale=8, border=2))


def show_qr(params: Mapping[str, str | None]) -> bool:
    """Draw the QR code of the phone view of ``params`` beside what it is for (nothing
    without a public address).

    Returns
    -------
    Whether a code was drawn.
    """
    url = public_link(params)
    if url is None:
        return False
    with st.container(
        border=True, horizontal=True, vertical_alignment="center", gap="large", key="kiosk-qr"
    ):
        st.image(qr_svg(url), width=QR_WIDTH, alt=qr_alt(url))
        st.markdown(t("kiosk.qr"))
    return True


__all__ = [
    "QR_WIDTH",
    "VIEW_PARAMS",
    "VIEW_PATH",
    "check_public_url",
    "public_link",
    "qr_svg",
    "show_qr",
    "view_url",
]
