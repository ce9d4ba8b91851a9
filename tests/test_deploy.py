"""The operating side: the kiosk's browser launch and policy, nginx's headers, secrets."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.net import free_port

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "deploy" / "kiosk"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", *args], capture_output=True, text=True, timeout=30, check=False, cwd=ROOT
    )


def test_policy_allows_only_the_kiosk_origin_and_blocks_ways_out() -> None:
    done = _run(str(KIOSK / "install-policy.sh"), "--print", "http://127.0.0.1:8501/?kiosk=1")
    assert done.returncode == 0, done.stderr
    policy = json.loads(done.stdout)
    assert policy["URLBlocklist"] == ["*"]
    assert policy["URLAllowlist"][0] == "http://127.0.0.1:8501"
    assert set(policy["URLAllowlist"][1:]) == {
        "cyberjapandata.gsi.go.jp",
        "tile.openstreetmap.org",
    }
    assert policy["DownloadRestrictions"] == 3  # every download blocked
    assert policy["DefaultPopupsSetting"] == 2  # no pop-up windows
    assert policy["AllowFileSelectionDialogs"] is False
    assert policy["DeveloperToolsAvailability"] == 2
    assert policy["TranslateEnabled"] is False
    assert policy["RestoreOnStartupURLs"] == ["http://127.0.0.1:8501/?kiosk=1"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://127.0.0.1:8501/&x",
        'http://a"b/',
        "http://host/#frag",
    ],
)
def test_policy_and_launcher_refuse_odd_addresses(url: str) -> None:
    for script in ("install-policy.sh", "kiosk-browser.sh"):
        flag = "--print" if script == "install-policy.sh" else "--dry-run"
        done = _run(str(KIOSK / script), flag, url)
        assert done.returncode != 0, (script, url, done.stdout)
        assert not done.stdout.strip(), (script, url)


def test_launcher_starts_chromium_locked_down() -> None:
    done = _run(str(KIOSK / "kiosk-browser.sh"), "--dry-run", "http://127.0.0.1:8501/")
    assert done.returncode == 0, done.stderr
    command = done.stdout
    for flag in (
        "--kiosk",
        "--no-first-run",
        "--disable-pinch",
        "--overscroll-history-navigation=0",
        "--disable-translate",
        "--noerrdialogs",
        "--user-data-dir=",
    ):
        assert flag in command, flag
    assert command.rstrip().endswith("http://127.0.0.1:8501/")


def test_make_kiosk_browser_target_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nkiosk-browser:" in makefile
    assert "deploy/kiosk/kiosk-browser.sh" in makefile


@pytest.mark.parametrize(
    "header",
    [
        "Content-Security-Policy",
        "frame-ancestors 'self'",
        "X-Frame-Options",
        "X-Content-Type-Options nosniff",
        "Referrer-Policy",
        "Strict-Transport-Security",
        "limit_req zone=kyodo_ws",
    ],
)
def test_nginx_template_sends_security_headers(header: str) -> None:
    assert header in NGINX_TEMPLATE.read_text(encoding="utf-8")


def _nginx() -> str:
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed (make sysdeps)")
    return nginx


def _nginx_conf(folder: Path, listen: str, servers: str = "server 127.0.0.1:2;") -> Path:
    """The template filled in, in ``folder``, by default for one replica that is not
    there."""
    conf = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in {
        "@USER_LINE@": "",
        "@RUN_DIR@": str(folder),
        "@LISTEN@": listen,
        "@SERVERS@": servers,
    }.items():
        conf = conf.replace(placeholder, value)
    (folder / "nginx.conf").write_text(conf, encoding="utf-8")
    return folder / "nginx.conf"


def test_nginx_template_is_valid(tmp_path: Path) -> None:
    nginx = _nginx()
    _nginx_conf(tmp_path, "127.0.0.1:1")
    done = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_secrets_file_is_ignored_by_git() -> None:
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", ".streamlit/secrets.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, "the secrets file must be ignored by git"


class _Echo(http.server.BaseHTTPRequestHandler):
    """A replica that answers every request with the path it was sent."""

    def do_GET(self) -> None:
        body = self.path.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx from the template on a free loopback port, in front of one echoing replica."""
    nginx = _nginx()
    replica = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    threading.Thread(target=replica.serve_forever, daemon=True).start()
    port = free_port()
    conf = _nginx_conf(
        tmp_path_factory.mktemp("nginx"),
        f"127.0.0.1:{port}",
        f"server 127.0.0.1:{replica.server_address[1]};",
    )
    running = subprocess.Popen([nginx, "-c", str(conf)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s, contextlib.suppress(OSError):
                s.connect(("127.0.0.1", port))
                break
            time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        running.terminate()
        running.wait(timeout=10)
        replica.shutdown()
        replica.server_close()


@pytest.mark.parametrize(
    "path",
    [
        "/area/yuda",
        "/area/%E6%B9%AF%E7%94%B0/?lang=en",
        "/area/a%2Fb",
        "/explorer/x/y?lang=en",
        "/area?area=x%0D%0ASet-Cookie:%20a=b",
    ],
)
def test_nginx_passes_every_path_on_as_it_came(proxy: str, path: str) -> None:
    """The app answers a page's path with more after it (ui/routes.py); nginx must pass
    it on still encoded, the query kept, for the app to see what was typed."""
    connection = http.client.HTTPConnection(proxy, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200
    assert response.read().decode("utf-8") == path
    assert response.getheader("Set-Cookie", "").startswith("kyodo_replica=")
    connection.close()
