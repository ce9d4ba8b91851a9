"""Load run of the replicated setup: concurrent sessions across replicas behind nginx.

``python benchmarks/load_replicas.py [--sessions 20] [--seconds 60] [--replicas 2]``
(or ``make load``) starts ``scripts/serve-replicas.sh`` on free loopback ports with a
fresh registry (an SQLite file in a temporary folder, or ``--database-url``), then
opens ``--sessions`` sessions through the proxy, each a websocket client speaking the
browser's protocol (a sticky cookie of its own, the same messages a browser sends to
ask for a page), and has each visit the app's pages in turn (the map, the coverage
table, area pages, partner search, sources) until ``--seconds`` have passed, with a
short pause between visits as a person would. Websocket clients rather than browsers
keep the two cores for the servers. It prints:

* the errors (failed connections, runs that did not finish within 60 s, exceptions
  shown by a page), and how the sessions spread over the replicas;
* p50/p95 of the script-run latency: from asking for a page until the server reports
  the run finished (every element of the page sent);
* each replica's memory (resident set) before the sessions and after them.

Not a test and not timed against a baseline: a measurement to read. Every connection
goes to 127.0.0.1; the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Seconds one run may take before it counts as an error.
RUN_TIMEOUT = 60.0
#: Pages a session visits in turn: (page url path, "" for the map; query string).
VISITS = (
    ("", "field=bousai"),
    ("matrix", ""),
    ("area", "area=yuda"),
    ("", "field=npo08&metric=per10k"),
    ("area", "area=ajisu"),
    ("partners", "area=yuda&need=bousai"),
    ("about", ""),
)


@dataclass
class Results:
    """What the sessions saw."""

    latencies: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    replicas: Counter[str] = field(default_factory=Counter)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mib(pid: int) -> float | None:
    """Resident memory of a process (MiB), ``None`` once it has gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def _start(args: argparse.Namespace, run_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    ports = [_free_port() for _ in range(args.replicas)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYODO_")}
    if args.database_url:
        env["KYODO_DATABASE_URL"] = args.database_url
    else:
        env["KYODO_REGISTRY_DIR"] = str(run_dir / "var")
    env.update(
        {
            "PORT": str(port),
            "REPLICA_PORTS": " ".join(map(str, ports)),
            "RUN_DIR": str(run_dir),
            "PY": sys.executable,
            "KYODO_REGISTRY": "1",
        }
    )
    log = (run_dir / "serve-replicas.log").open("wb")
    process = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve-replicas.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve-replicas exited; see {run_dir / 'serve-replicas.log'}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    _stop(process)
    raise SystemExit("the proxy did not answer within 120 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _replica_pids(run_dir: Path) -> dict[str, int]:
    rows = [line.split() for line in (run_dir / "replicas.txt").read_text().splitlines()]
    return {f"127.0.0.1:{r[3]}": int(r[2]) for r in rows if r and r[0] == "replica"}


async def _run(ws: object, page: str, query: str) -> tuple[float, str | None]:
    """Ask for a page as a browser does; the seconds until its run finished, and the
    error it showed (``None`` when none)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import ClientConnection

    assert isinstance(ws, ClientConnection)
    message = BackMsg(rerun_script=ClientState(query_string=query, page_name=page))
    start = time.monotonic()
    await ws.send(message.SerializeToString())
    error = None
    while True:
        data = await asyncio.wait_for(ws.recv(), timeout=RUN_TIMEOUT)
        msg = ForwardMsg()
        msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            if msg.delta.new_element.WhichOneof("type") == "exception":
                error = msg.delta.new_element.exception.message[:200] or "exception"
        elif kind == "page_not_found":
            error = f"page not found: {page}"
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                error = "the page did not compile"
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.monotonic() - start, error


async def _session(url: str, deadline: float, results: Results, n: int) -> None:
    from websockets.asyncio.client import connect

    cookie = secrets.token_hex(16)  # the sticky cookie: nginx hashes it to a replica
    headers = {"Cookie": f"kyodo_replica={cookie}", "Origin": url}
    rng = random.Random(n)
    i = n
    try:
        async with connect(
            url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            open_timeout=RUN_TIMEOUT,
        ) as ws:
            assert ws.response is not None
            results.replicas[ws.response.headers.get("X-Kyodo-Replica", "?")] += 1
            while time.monotonic() < deadline:
                page, query = VISITS[i % len(VISITS)]
                i += 1
                try:
                    took, error = await _run(ws, page, query)
                except TimeoutError:
                    results.errors.append(f"session {n}: /{page} did not finish in time")
                    continue
                if error:
                    results.errors.append(f"session {n}: /{page}?{query}: {error}")
                results.latencies.append(took)
                results.by_page.setdefault(page or "map", []).append(took)
                await asyncio.sleep(rng.uniform(0.5, 1.5))  # a person looks at the page
    except Exception as exc:  # counted, and the session ends
        results.errors.append(f"session {n}: {type(exc).__name__}: {str(exc)[:200]}")


async def _drive(url: str, sessions: int, seconds: float) -> Results:
    results = Results()
    deadline = time.monotonic() + seconds
    tasks = []
    for n in range(sessions):
        tasks.append(asyncio.create_task(_session(url, deadline, results, n)))
        await asyncio.sleep(0.2)  # sessions arrive over a few seconds
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 2 * RUN_TIMEOUT)
    return results


def _percentile(values: list[float], q: int) -> float:
    """The ``q``-th percentile (nearest rank); NaN without values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to visit pages")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--database-url", help="a shared registry (default: new SQLite file)")
    args = parser.parse_args(argv)
    run_dir = Path(tempfile.mkdtemp(prefix="kyodo-load-"))
    process, url = _start(args, run_dir)
    try:
        pids = _replica_pids(run_dir)
        time.sleep(2)
        before = {r: _rss_mib(p) for r, p in pids.items()}
        results = asyncio.run(_drive(url, args.sessions, args.seconds))
        after = {r: _rss_mib(p) for r, p in pids.items()}
    finally:
        _stop(process)
    lat = results.latencies
    print(f"load run: {args.sessions} sessions, {args.replicas} replicas, {args.seconds:.0f} s")
    print(f"  proxy {url}; logs in {run_dir}")
    print(f"  sessions per replica: {dict(sorted(results.replicas.items()))}")
    print(f"  page runs: {len(lat)}  errors: {len(results.errors)}")
    for error in results.errors[:20]:
        print(f"    {error}")
    print(
        f"  script-run latency p50 {_percentile(lat, 50) * 1000:.0f} ms, "
        f"p95 {_percentile(lat, 95) * 1000:.0f} ms"
    )
    for page, times in sorted(results.by_page.items()):
        print(
            f"    {page:<9} runs {len(times):>4}  p50 {_percentile(times, 50) * 1000:>6.0f} ms  "
            f"p95 {_percentile(times, 95) * 1000:>6.0f} ms"
        )
    for replica in sorted(pids):
        b, a = before.get(replica), after.get(replica)
        print(
            f"  memory {replica}: before {b or 0:.0f} MiB, after {a or 0:.0f} MiB"
            + ("" if a is not None else " (gone)")
        )
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
