"""Two app replicas behind nginx (``scripts/serve-replicas.sh``), sharing one registry.

An edit written to the registry shows through both replicas within a few seconds; a
replica killed mid-session loses no data, and the proxy sends the sessions that were
on it, and new ones, to the survivor. The registry is PostgreSQL when the test cluster
runs (always under CI), else an SQLite file in the test's folder.

Every page served through the proxy carries its security headers, and the browser
reports no violation of its Content-Security-Policy (one replica, the planners' pages).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from geo.registry.store import Store
from geo.settings import DATABASE_FILE, env_name
from tests.browser.conftest import ARTIFACTS, ROOT, Watch, open_context, settle
from tests.support.backends import Backend, PgCluster
from tests.support.ci import skip_or_fail
from tests.support.net import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - the dev extra installs it; the browser fixture says why
    PlaywrightError = RuntimeError  # type: ignore[assignment,misc]

pytestmark = pytest.mark.browser

#: How soon every replica must show an edit (ui/data.py reads the version once a second).
PROPAGATION_SECONDS = 10.0
#: How soon a page whose replica died must be served again by the survivor.
RECONNECT_SECONDS = 60.0
ORG = "cg-0001"


@dataclass
class Replicas:
    """The running proxy and its replicas."""

    url: str
    process: subprocess.Popen[bytes]
    run_dir: Path
    pids: dict[str, int]  # "127.0.0.1:PORT" -> pid
    database_url: str


def _nginx() -> str | None:
    for path in ("/usr/sbin/nginx", "/usr/bin/nginx"):
        if Path(path).exists():
            return path
    return None


def _unavailable(reason: str) -> None:
    skip_or_fail(reason, must_run="the replica test")


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve-replicas exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the proxy did not answer within {seconds:.0f} s")


@contextmanager
def _serve(
    folder: Path, count: int, env_extra: dict[str, str], backend: Backend | None = None
) -> Iterator[Replicas]:
    """``count`` replicas behind nginx (``scripts/serve-replicas.sh``), stopped after."""
    if _nginx() is None:
        _unavailable("nginx is not installed (make sysdeps installs it)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYODO_")}
    if backend is not None:
        database_url = backend.url()
        env[env_name("database_url")] = database_url
    else:
        env[env_name("registry_dir")] = str(folder / "var")
        database_url = f"sqlite:///{folder / 'var' / DATABASE_FILE}"
    port = free_port()
    ports = [free_port() for _ in range(count)]
    ARTIFACTS.mkdir(exist_ok=True)
    run_dir = ARTIFACTS / f"replicas-{port}"
    env.update(
        {
            "PORT": str(port),
            "REPLICA_PORTS": " ".join(map(str, ports)),
            "RUN_DIR": str(run_dir),
            "PY": sys.executable,
            "KYODO_REGISTRY": "1",
            **env_extra,
        }
    )
    log = folder / "serve-replicas.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "serve-replicas.sh")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process, log, 120)
        rows = [line.split() for line in (run_dir / "replicas.txt").read_text().splitlines()]
        # "replica N PID PORT" lines (and one "nginx PID PORT")
        pids = {f"127.0.0.1:{r[3]}": int(r[2]) for r in rows if r[0] == "replica"}
        yield Replicas(url, process, run_dir, pids, database_url)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def replicas(pg_cluster: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    folder = tmp_path_factory.mktemp("replicas")
    backend = Backend("postgresql", folder, pg_cluster.url) if pg_cluster.url else None
    kiosk = {
        "KYODO_KIOSK": "1",  # the kiosk lists organisations as text: easy to read
        "KYODO_KIOSK_IDLE_SECONDS": "600",
    }
    try:
        with _serve(folder, 2, kiosk, backend) as served:
            yield served
    finally:
        if backend is not None:
            backend.drop_all()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replicas]:
    """One replica of the planners' app (not a kiosk) behind nginx."""
    with _serve(tmp_path_factory.mktemp("proxied"), 1, {}) as served:
        yield served


def _replica_of(url: str, cookie: str) -> str:
    """The replica nginx sends a visitor with this sticky cookie to."""
    request = urllib.request.Request(
        f"{url}/_stcore/health", headers={"Cookie": f"kyodo_replica={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=5) as r:
        return str(r.headers["X-Kyodo-Replica"]).split(",")[-1].strip()


def _cookie_for(replicas: Replicas, replica: str) -> str:
    """A sticky cookie value that nginx maps to ``replica``."""
    for _ in range(200):
        value = secrets.token_hex(16)
        if _replica_of(replicas.url, value) == replica:
            return value
    raise AssertionError(f"no cookie maps to {replica}")


def _page(browser: Browser, replicas: Replicas, cookie: str, watch: Watch) -> Page:
    context = open_context(browser, watch=watch, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "kyodo_replica", "value": cookie, "url": replicas.url}])
    page = context.new_page()
    page.goto(replicas.url)
    page.get_by_role("button", name="名前から探す").first.click(timeout=90_000)
    return page


def _search(page: Page, text: str) -> None:
    """Search by name, from the search screen (or from any screen after a reconnect)."""
    box = page.get_by_role("textbox")
    start = page.get_by_role("button", name="名前から探す").first
    box.or_(start).first.wait_for(timeout=30_000)  # the screen drawn by the last run
    if not box.count():
        start.click(timeout=5_000)
    box.fill(text, timeout=10_000)
    box.press("Enter")
    settle(page)


def _seconds_until_listed(page: Page, name: str, limit: float) -> float:
    """Search until ``name`` is listed; the seconds it took."""
    start = time.monotonic()
    queries = [name[:-1], name]  # a changed query makes the kiosk search again
    i = 0
    while time.monotonic() - start < limit:
        try:
            _search(page, queries[i % 2])
        except PlaywrightError:  # reconnecting: the page is being redrawn
            pass
        else:
            if page.get_by_role("button", name=name).count():
                return time.monotonic() - start
        i += 1
        page.wait_for_timeout(500)
    raise AssertionError(f"{name} was not listed within {limit:.0f} s")


def _rename(replicas: Replicas, name: str) -> int:
    """Rename the organisation in the shared registry; the new data version."""
    with Store.open(replicas.database_url) as store:
        org = store.get(ORG)
        store.edit(ORG, {**org.record, "name": name}, expected_version=org.version, who="test")
        return store.data_version()


def test_an_edit_shows_through_both_replicas_and_survives_a_killed_one(
    replicas: Replicas, browser: Browser
) -> None:
    first, second = sorted(replicas.pids)
    watch = Watch()
    page_a = _page(browser, replicas, _cookie_for(replicas, first), watch)
    page_b = _page(browser, replicas, _cookie_for(replicas, second), watch)
    # both replicas have read (and cached) the registry before the edit
    for page in (page_a, page_b):
        _search(page, "レプリカ確認")
        assert page.get_by_role("button", name="レプリカ確認の会").count() == 0

    version = _rename(replicas, "レプリカ確認の会")
    for page in (page_a, page_b):
        took = _seconds_until_listed(page, "レプリカ確認の会", PROPAGATION_SECONDS)
        print(f"edit (data version {version}) listed after {took:.1f} s")

    # an edit just before the replica goes down is kept, and shown by the survivor
    _rename(replicas, "レプリカ確認の会・二")
    os.kill(replicas.pids[second], signal.SIGKILL)
    with Store.open(replicas.database_url) as store:
        assert store.get(ORG).record["name"] == "レプリカ確認の会・二"
    # the session that was on the dead replica is sent to the survivor
    assert _replica_of(replicas.url, _cookie_for_dead(page_b, replicas)) == first
    # the open page reconnects by itself, to a new session on the survivor (what it
    # showed lived in the dead process; the data lives in the registry)
    took = _seconds_until_listed(page_b, "レプリカ確認の会・二", RECONNECT_SECONDS)
    print(f"the page on the killed replica was served again after {took:.1f} s")
    # and so is a new one
    page_c = _page(browser, replicas, secrets.token_hex(16), watch)
    _seconds_until_listed(page_c, "レプリカ確認の会・二", PROPAGATION_SECONDS)
    assert {_replica_of(replicas.url, secrets.token_hex(16)) for _ in range(10)} == {first}
    for name, page in {"a": page_a, "b": page_b, "new": page_c}.items():
        page.screenshot(path=str(ARTIFACTS / f"replicas-{name}.png"))
        page.context.close()
    assert not [u for u in watch.blocked if "127.0.0.1" in u]


def _cookie_for_dead(page: Page, replicas: Replicas) -> str:
    """The sticky cookie of ``page``'s browser context."""
    found = [c for c in page.context.cookies(replicas.url) if c["name"] == "kyodo_replica"]
    assert found, "the proxy set no sticky cookie"
    return str(found[0]["value"])


# --- security headers and the Content-Security-Policy ----------------------------------

#: Pages of the planners' app, each as a browser opens it through the proxy.
PROXIED_PAGES = ("/", "/matrix", "/area/yuda", "/partners", "/about", "/import")
#: Headers every response through the proxy carries (plain http: no HSTS).
SECURITY_HEADERS = {
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
#: Recorded in every frame: what the browser refused under the policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`);
});
"""


def _values(headers: dict[str, str], name: str) -> set[str]:
    """The values of a header (the app may send one that the proxy sends again)."""
    return {v.strip() for v in headers.get(name, "").replace("\n", ",").split(",")}


def _check_headers(url: str, headers: dict[str, str]) -> list[str]:
    """What ``headers`` of ``url`` lack."""
    missing = [f"{url}: {h}" for h, v in SECURITY_HEADERS.items() if _values(headers, h) != {v}]
    policy = headers.get("content-security-policy", "")
    for directive in ("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'"):
        if directive not in policy:
            missing.append(f"{url}: Content-Security-Policy without {directive}")
    if "camera=()" not in headers.get("permissions-policy", ""):
        missing.append(f"{url}: Permissions-Policy")
    if "strict-transport-security" in headers:
        missing.append(f"{url}: HSTS over plain http")
    return missing


def _open_proxied(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    settle(page, 90_000)
    if page.locator("iframe").count():  # a map: give Leaflet the time to draw in it
        with suppress(PlaywrightError):  # a policy that stops the map is reported below
            page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(
                state="attached", timeout=30_000
            )
        page.wait_for_timeout(1500)


def test_pages_through_the_proxy_carry_the_headers_and_keep_the_policy(
    proxied: Replicas, browser: Browser
) -> None:
    watch = Watch()
    context = open_context(browser, watch=watch, viewport={"width": 1440, "height": 1000})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    problems: list[str] = []
    seen: set[str] = set()

    def check(response: Any) -> None:
        url = response.url
        if url.startswith(proxied.url) and url not in seen:
            seen.add(url)
            problems.extend(_check_headers(url, response.all_headers()))

    page.on("response", check)
    violations: list[str] = []
    for path in PROXIED_PAGES:
        _open_proxied(page, proxied.url + path)
        for frame in page.frames:
            try:
                violations += frame.evaluate("window.__cspViolations || []")
            except PlaywrightError:  # a frame gone while the page redrew
                continue
    page.screenshot(path=str(ARTIFACTS / "proxied-last-page.png"))
    context.close()
    assert problems == []
    assert len(seen) > len(PROXIED_PAGES)  # the pages and what they loaded
    assert violations == []
    assert [m for m in messages if "Content Security Policy" in m] == []
