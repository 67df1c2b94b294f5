"""Latency and throughput of the "May I?" page and the home page under 50 concurrent users.

    .venv/bin/python benchmarks/web_load.py [--users 50] [--seconds 30] [--postgres URL]
        [--think both|on|off] [--workers N] [--no-sqlite] [--asks-only] [--client raw|httpx]

For each database (a SQLite file, and PostgreSQL when --postgres or
LANYARD_TEST_POSTGRES_URL is given) it migrates a fresh database, seeds the demo
district, starts `lanyard serve` (one uvicorn process) on 127.0.0.1, and runs a bounded
closed-loop load from this process: each simulated user signs in once, then repeats
GET /home, GET /may-i and POST /may-i (a full decision, kept in the audit log) with a
think time of 0.5-1.5 s between requests ("think"), and again with none ("no think":
each user sends its next request as soon as the last one answered), for --seconds each.
Only loopback is used, and the run stops by itself. It prints p50/p95/p99 and requests
per second per page. --workers N runs `lanyard serve --workers N` (N uvicorn processes).
--asks-only: each user loads the May I? page once, then only asks (POST /may-i).

The ask is sent as the page's form sends it from a browser with JavaScript (htmx:
``HX-Request: true``, answered with the answer's fragment); --no-htmx sends it as a
browser without JavaScript does (the whole page comes back).

Beside the wall-clock figures it prints the CPU time the server's processes used per
request (user + system, read from /proc for `lanyard serve` and its workers), the load
generator's own CPU time, and the load average: on a machine shared with other work, CPU
per request is the figure that compares fairly between runs. Beside them, what the machine
was doing (``benchmarks/machine.py``): its busy CPU by whom (server, PostgreSQL, load
generator, other work), steal time, context switches per request, the load average
sampled each second, the CPU clock where shown, and a speed probe (a fixed piece of
Python's CPU time before and after the phase). A request that fails (a status other than
200, or no answer) is counted and printed, not fatal.

Two load generators, both in this process on the server's cores: the think-time phase
runs httpx (an ``AsyncClient`` per user, as since the first figures); the no-think phase
runs, unless ``--client httpx``, a small client on asyncio's raw streams ("raw"): each
user's requests are built once as bytes (its session cookie, the CSRF token and the ask's
form in them), sent on one kept-alive connection, and the answer read by its
Content-Length. httpx spent 2.1-2.6 ms of CPU per ask, a third of what the server spent,
on the same two cores; the raw client spends a fraction of that, so the no-think figure
shows more of the server. Each run prints which generator it used and its CPU per request.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

import httpx

from machine import Watch
from schemas import postgres_schema

ROOT = Path(__file__).resolve().parents[1]
LANYARD = str(Path(sys.executable).with_name("lanyard"))
USERS = ["astillwell", "azeller", "dgreywell", "hhollowell", "goakhurst", "ndovecote"]
PASSWORD = "lanyard-demo"
KEEPALIVE_EXPIRY_S = 2.0  # under uvicorn's keep-alive timeout (5 s), see _load
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ASK = {
    "action": "message",
    "purpose": "district_business",
    "medium": "text_message",
    "account": "personal",
    "device": "personal",
    "network": "other",
    "on_duty": "no",
    "relationship": "none",
    "counterpart_role": "student",
    "count": "15",
    "counterpart_account": "personal",
}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([LANYARD, *args], env=env, check=True, stdout=subprocess.DEVNULL)


async def _sign_in(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/signin")
    token = CSRF.search(page.text)
    assert token, "no CSRF token on the sign-in page"
    response = await client.post(
        "/signin",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 303, f"sign-in failed for {username}"


async def sign_in_all(clients: list[httpx.AsyncClient]) -> None:
    """Sign each client in as one of the demo's people in turn, five at a time."""
    for i in range(0, len(clients), 5):
        await asyncio.gather(
            *(_sign_in(c, USERS[(i + j) % len(USERS)]) for j, c in enumerate(clients[i : i + 5]))
        )


PAGES = ("home", "may-i (GET)", "may-i (POST)")


async def _user(
    client: httpx.AsyncClient,
    until: float,
    samples: dict[str, list[float]],
    failures: dict[str, list[str]],
    rng: random.Random,
    think: bool,
    asks_only: bool,
    htmx: bool,
    firsts: dict[str, list[float]],
) -> None:
    await asyncio.sleep(rng.uniform(0, 1.0))
    token: str | None = None
    if asks_only:
        match = CSRF.search((await client.get("/may-i")).text)
        assert match, "no CSRF token on the May I? page"
        token = match.group(1)
    pages = PAGES[2:] if asks_only else PAGES
    headers = {"HX-Request": "true"} if htmx else {}
    seen: set[str] = set()
    while time.monotonic() < until:
        for name in pages:
            start = time.perf_counter()
            try:
                if name == "home":
                    response = await client.get("/home")
                elif name == "may-i (GET)":
                    response = await client.get("/may-i")
                    match = CSRF.search(response.text)
                    token = match.group(1) if match else token
                else:
                    response = await client.post(
                        "/may-i", data={**ASK, "csrf_token": token or ""}, headers=headers
                    )
                status = str(response.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            elapsed = time.perf_counter() - start
            if status == "200":
                samples[name].append(elapsed)
                if name not in seen:  # this user's first of this page in the phase
                    firsts[name].append(elapsed)
            else:
                failures[name].append(status)
            seen.add(name)
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5))
            if time.monotonic() >= until:
                return


class RawUser:
    """One user of the raw client: its requests built once as bytes, sent on one kept-alive
    connection (opened again when the server closes it), each answer read whole by its
    Content-Length. Only what the benchmark's pages need: no redirects, no chunked bodies
    (Starlette's pages and fragments carry a Content-Length; one without is a failure)."""

    _LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
    _CLOSE = re.compile(rb"\r\nconnection:[ \t]*close", re.IGNORECASE)

    def __init__(self, host: str, port: int, cookie: str, token: str) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        common = f"Host: {host}:{port}\r\nCookie: {cookie}\r\n"
        body = urlencode({**ASK, "csrf_token": token}).encode()
        self.requests = {
            "home": f"GET /home HTTP/1.1\r\n{common}\r\n".encode(),
            "may-i (GET)": f"GET /may-i HTTP/1.1\r\n{common}\r\n".encode(),
            "may-i (POST)": (
                f"POST /may-i HTTP/1.1\r\n{common}"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
            ).encode(),
        }
        self.body = body

    def request(self, name: str, htmx: bool) -> bytes:
        raw = self.requests[name]
        if name != "may-i (POST)":
            return raw
        return raw + (b"HX-Request: true\r\n" if htmx else b"") + b"\r\n" + self.body

    async def send(self, raw: bytes) -> str:
        """The answer's status ("200"), or why there was none."""
        for attempt in range(2):  # once more on a fresh connection if the kept one was closed
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            try:
                self.writer.write(raw)
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                self.close()
                if attempt == 0:
                    continue
                return type(exc).__name__
            length = self._LENGTH.search(head)
            if length is None:
                self.close()
                return "no Content-Length"
            try:
                await self.reader.readexactly(int(length.group(1)))
            except (OSError, asyncio.IncompleteReadError) as exc:
                self.close()
                return type(exc).__name__
            if self._CLOSE.search(head):
                self.close()
            return head[9:12].decode()
        return "unreachable"

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _raw_user(
    user: RawUser,
    until: float,
    samples: dict[str, list[float]],
    failures: dict[str, list[str]],
    rng: random.Random,
    asks_only: bool,
    htmx: bool,
    firsts: dict[str, list[float]],
) -> None:
    """:func:`_user` without think time, on the raw client."""
    await asyncio.sleep(rng.uniform(0, 1.0))
    pages = PAGES[2:] if asks_only else PAGES
    requests = [(name, user.request(name, htmx)) for name in pages]
    seen: set[str] = set()
    clock = time.perf_counter
    while time.monotonic() < until:
        for name, raw in requests:
            start = clock()
            status = await user.send(raw)
            elapsed = clock() - start
            if status == "200":
                samples[name].append(elapsed)
                if name not in seen:
                    firsts[name].append(elapsed)
            else:
                failures[name].append(status)
            seen.add(name)
            if time.monotonic() >= until:
                return


async def _raw_users(base: str, clients: list[httpx.AsyncClient], asks_only: bool) -> list[RawUser]:
    """A raw client per signed-in httpx client: its session cookie, and the CSRF token its
    May I? page carries (read here, before the phase, as a browser has it from the page)."""
    host, port = base.removeprefix("http://").split(":")
    users = []
    for client in clients:
        page = await client.get("/may-i")
        match = CSRF.search(page.text)
        assert match, "no CSRF token on the May I? page"
        cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        users.append(RawUser(host, int(port), cookie, match.group(1)))
    return users


@dataclass
class Phase:
    think: bool
    took: float  # wall seconds
    samples: dict[str, list[float]]
    failures: dict[str, list[str]]
    firsts: dict[str, list[float]]  # each user's first answer of each page (in samples too)
    server_cpu: float  # CPU seconds of the server's processes
    client_cpu: float  # CPU seconds of this process (the load generator)
    load: str  # the load average at the end
    machine: Watch  # what the machine did meanwhile
    client: str = "httpx"  # the load generator: "httpx" or "raw"


async def _load(
    base: str,
    users: int,
    seconds: float,
    phases: list[bool],
    server_pid: int,
    asks_only: bool,
    htmx: bool,
    client: str = "raw",
) -> list[Phase]:
    """``client``: the generator of the no-think phase ("raw" or "httpx"); the think-time
    phase always runs httpx."""
    rng = random.Random(230)
    raw_users: list[RawUser] = []
    results: list[Phase] = []
    # A client forgets an idle connection before the server closes it (uvicorn's keep-alive
    # timeout, 5 s): with both at 5 s, a request sent on a connection the server was
    # closing at that moment failed with "Server disconnected without sending a response"
    # (seen in the set-up, where signed-in users wait for the others).
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_S)
    clients = [httpx.AsyncClient(base_url=base, timeout=30, limits=limits) for _ in range(users)]
    try:
        # Everyone signs in first (argon2 is deliberately slow); the measured load follows.
        await sign_in_all(clients)
        for think in phases:
            samples: dict[str, list[float]] = {name: [] for name in PAGES}
            failures: dict[str, list[str]] = {name: [] for name in PAGES}
            firsts: dict[str, list[float]] = {name: [] for name in PAGES}
            generator = "httpx" if think else client
            if generator == "raw" and not raw_users:
                raw_users = await _raw_users(base, clients, asks_only)
            watch = Watch(server_pid)
            start = time.monotonic()
            until = start + seconds
            if generator == "raw":
                runs = (
                    _raw_user(u, until, samples, failures, rng, asks_only, htmx, firsts)
                    for u in raw_users
                )
            else:
                runs = (
                    _user(c, until, samples, failures, rng, think, asks_only, htmx, firsts)
                    for c in clients
                )
            await asyncio.gather(watch.sample_every(1.0, until), *runs)
            took = time.monotonic() - start
            watch.stop()
            results.append(
                Phase(
                    think,
                    took,
                    samples,
                    failures,
                    firsts,
                    watch.server,
                    watch.own,
                    "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()),
                    watch,
                    generator,
                )
            )
    finally:
        for user in raw_users:
            user.close()
        for each in clients:
            await each.aclose()
    return results


STARTED = "Application startup complete."


def _wait_ready(base: str, server: subprocess.Popen[bytes], log: Path, workers: int) -> None:
    """Wait until every worker has started (each logs STARTED) and the server answers.
    One answer alone is not enough with several workers: the load would begin while the
    others still import the app, their start-up counted in the server's CPU per request."""
    deadline = time.monotonic() + 60 + 30 * workers  # each worker imports the app
    while True:
        if log.read_text(errors="replace").count(STARTED) >= workers:
            try:
                httpx.get(f"{base}/signin", timeout=5)
                return
            except httpx.HTTPError:
                pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise RuntimeError("the server did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.2)


def _server_trouble(log: Path) -> list[str]:
    """The server's log lines that say a worker died or a request failed inside it."""
    words = ("died", "Traceback", "Exception", "ERROR", "was not ready")
    text = log.read_text(errors="replace")
    return [line for line in text.splitlines() if any(w in line for w in words)]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


@dataclass
class Served:
    """A running `lanyard serve` of the demo district (see :func:`serve`)."""

    server: subprocess.Popen[bytes]
    log: IO[str]  # uvicorn's own messages
    base: str

    def stop(self) -> list[str]:
        """Stop it; the log's lines that say a worker died or a request failed inside it."""
        self.server.terminate()
        self.server.wait(timeout=30)
        trouble = _server_trouble(Path(self.log.name))
        self.log.close()
        return trouble


def serve(url: str, workers: int, extra_env: Mapping[str, str] | None = None) -> Served:
    """Migrate the database at ``url``, seed the demo district and start `lanyard serve` on
    127.0.0.1 with ``workers`` workers (``extra_env`` over this process's environment), once
    every worker has started."""
    env = {**os.environ, "LANYARD_DATABASE_URL": url, "LANYARD_PACK": "wilmette-39"}
    env["LANYARD_DISTRICT_DOMAINS"] = "demo-district.example.org,students.demo-district.example.org"
    # no built-in secret: the run makes its own keys
    env.setdefault("LANYARD_SECRET_KEY", secrets.token_urlsafe(48))
    env.setdefault("LANYARD_ENCRYPTION_KEYS", "bench:" + base64.b64encode(os.urandom(32)).decode())
    env.update(extra_env or {})
    _run(env, "db", "upgrade")
    _run(env, "demo", "seed")
    port = _free_port()
    # uvicorn's own messages (each worker's start-up, a worker that died) go to a log that
    # the run reads; the access log (stdout) is not kept.
    log_file = tempfile.NamedTemporaryFile("w+", prefix="lanyard-serve-", suffix=".log")
    server = subprocess.Popen(
        [LANYARD, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    served = Served(server, log_file, f"http://127.0.0.1:{port}")
    try:
        _wait_ready(served.base, server, Path(log_file.name), workers)
    except BaseException:
        served.stop()
        raise
    return served


def bench(
    label: str,
    url: str,
    users: int,
    seconds: float,
    phases: list[bool],
    workers: int,
    asks_only: bool = False,
    htmx: bool = True,
    client: str = "raw",
) -> None:
    served = serve(url, workers)
    try:
        results = asyncio.run(
            _load(served.base, users, seconds, phases, served.server.pid, asks_only, htmx, client)
        )
    finally:
        for line in served.stop():
            print(f"  server: {line}")
    for phase in results:
        took = phase.took
        total = sum(len(v) for v in phase.samples.values())
        failed = sum(len(v) for v in phase.failures.values())
        how = "think 0.5-1.5 s" if phase.think else "no think time"
        what = "asks only" if asks_only else "home, May I?, ask"
        print(
            f"{label} ({workers} worker{'s' if workers != 1 else ''}), {how}, {what}: "
            f"{users} users, {total} requests in {took:.1f} s = {total / took:.0f} requests/s, "
            f"{failed} failed"
        )
        answered = max(1, total + failed)
        print(
            f"  CPU: server {phase.server_cpu * 1000 / answered:.1f} ms per request "
            f"({phase.server_cpu / took:.2f} CPU-s per s), load generator ({phase.client}) "
            f"{phase.client_cpu * 1000 / answered:.2f} ms per request; {phase.load} "
            f"on {os.cpu_count()} CPUs"
        )
        print(phase.machine.report(total + failed))
        print(
            f"  {'page':<14} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
            f" {'mean ms':>8} {'failed':>7}"
        )
        for name, values in phase.samples.items():
            errors = phase.failures[name]
            if not values and not errors:
                continue
            if not values:
                print(
                    f"  {name:<14} {0:>6} {'':>7} {'':>8} {'':>8} {'':>8} {'':>8} {len(errors):>7}"
                )
                continue
            print(
                f"  {name:<14} {len(values):>6} {len(values) / took:>7.1f}"
                f" {_pct(values, 50):>8.1f} {_pct(values, 95):>8.1f}"
                f" {_pct(values, 99):>8.1f} {statistics.fmean(values) * 1000:>8.1f}"
                f" {len(errors):>7}"
            )
        # Every user begins the phase within the same second, so each page's first answers
        # come in a burst (50 at once): their share of the tail, printed apart.
        for name, firsts in phase.firsts.items():
            values = phase.samples[name]
            later = sorted(values)
            for first in firsts:
                later.remove(first)
            if not firsts or not later:
                continue
            print(
                f"  {name:<14} first of each user: n {len(firsts)}, p50/p95 "
                f"{_pct(firsts, 50):.1f}/{_pct(firsts, 95):.1f} ms; the later ones: n "
                f"{len(later)}, p50/p95 {_pct(later, 50):.1f}/{_pct(later, 95):.1f} ms"
            )
        for name, errors in phase.failures.items():
            if errors:
                kinds = ", ".join(f"{k} x{errors.count(k)}" for k in sorted(set(errors)))
                print(f"  failed {name}: {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--postgres", default=os.environ.get("LANYARD_TEST_POSTGRES_URL"))
    parser.add_argument("--think", choices=("both", "on", "off"), default="both")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--asks-only", action="store_true", help="each user only asks (POST /may-i)"
    )
    parser.add_argument(
        "--no-htmx",
        action="store_true",
        help="ask as a browser without JavaScript does (the whole page comes back)",
    )
    parser.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="the no-think phase's load generator (the think-time phase always runs httpx)",
    )
    args = parser.parse_args()
    phases = {"both": [True, False], "on": [True], "off": [False]}[args.think]
    folder = Path(tempfile.mkdtemp(prefix="lanyard-load-"))
    try:
        if not args.no_sqlite:
            bench(
                "SQLite",
                f"sqlite:///{folder / 'lanyard.sqlite3'}",
                args.users,
                args.seconds,
                phases,
                args.workers,
                args.asks_only,
                not args.no_htmx,
                args.client,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.postgres:
        with postgres_schema(args.postgres, "load") as url:
            bench(
                "PostgreSQL",
                url,
                args.users,
                args.seconds,
                phases,
                args.workers,
                args.asks_only,
                not args.no_htmx,
                args.client,
            )


if __name__ == "__main__":
    main()
