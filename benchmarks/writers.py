"""Several `lanyard serve` processes writing to one database: failed requests and
throughput of "May I?" asks with no think time.

    .venv/bin/python benchmarks/writers.py [--clients 50] [--seconds 20]
        [--sqlite-servers 2] [--postgres URL] [--postgres-servers 4]

For a SQLite file (and PostgreSQL when --postgres or LANYARD_TEST_POSTGRES_URL is given)
it migrates a fresh database, seeds the demo district, starts N `lanyard serve`
processes on that one database (each its own uvicorn process on its own loopback port,
as N workers are), and runs --clients concurrent clients with no think time: each signs
in once on one of the servers (round robin), then repeats POST /may-i (a full decision,
kept in the audit log: a write) for --seconds. A failed request is any answer other than
200 or no answer at all; the target is none. Only loopback is used, and the run stops by
itself.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

LANYARD = str(Path(sys.executable).with_name("lanyard"))
USERS = ["astillwell", "azeller", "dgreywell", "hhollowell", "goakhurst", "ndovecote"]
PASSWORD = "lanyard-demo"
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


def _env(url: str) -> dict[str, str]:
    env = {**os.environ, "LANYARD_DATABASE_URL": url, "LANYARD_PACK": "wilmette-39"}
    env["LANYARD_DISTRICT_DOMAINS"] = "demo-district.example.org,students.demo-district.example.org"
    env.setdefault("LANYARD_SECRET_KEY", secrets.token_urlsafe(48))
    env.setdefault("LANYARD_ENCRYPTION_KEYS", "bench:" + base64.b64encode(os.urandom(32)).decode())
    return env


class _Window:
    """The measured window: clients wait for start, then ask until the deadline."""

    def __init__(self) -> None:
        self.ready = 0
        self.start = asyncio.Event()
        self.deadline = 0.0
        self.failed_sign_ins = 0


async def _client(
    client: httpx.AsyncClient, username: str, window: _Window, outcomes: Counter[str]
) -> None:
    for _ in range(10):  # a sign-in that fails (a 500 before write intent) is tried again
        try:
            page = await client.get("/signin")
            token = CSRF.search(page.text)
            assert token, "no CSRF token on the sign-in page"
            data = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
            signed = await client.post("/signin", data=data)
            if signed.status_code == 303:
                break
        except httpx.HTTPError:
            pass
        window.failed_sign_ins += 1
    else:
        raise AssertionError(f"sign-in failed for {username} ten times")
    form = await client.get("/may-i")
    token = CSRF.search(form.text)
    assert token, "no CSRF token on the May I? page"
    window.ready += 1
    await window.start.wait()
    while time.monotonic() < window.deadline:
        try:
            response = await client.post("/may-i", data={**ASK, "csrf_token": token.group(1)})
            outcomes[str(response.status_code)] += 1
        except httpx.HTTPError as exc:
            outcomes[type(exc).__name__] += 1


async def _load(bases: list[str], clients: int, seconds: float) -> tuple[Counter[str], float, int]:
    outcomes: Counter[str] = Counter()
    window = _Window()
    pool = [httpx.AsyncClient(base_url=bases[i % len(bases)], timeout=60) for i in range(clients)]
    try:
        tasks = [
            asyncio.create_task(_client(c, USERS[i % len(USERS)], window, outcomes))
            for i, c in enumerate(pool)
        ]
        # everyone signs in first (argon2 is slow on purpose); then the measured window
        while window.ready < clients:
            if any(t.done() for t in tasks):
                await asyncio.gather(*tasks)  # raises what stopped a client
            await asyncio.sleep(0.1)
        start = time.monotonic()
        window.deadline = start + seconds
        window.start.set()
        await asyncio.gather(*tasks)
        return outcomes, time.monotonic() - start, window.failed_sign_ins
    finally:
        for client in pool:
            await client.aclose()


def bench(label: str, url: str, servers: int, clients: int, seconds: float) -> None:
    env = _env(url)
    subprocess.run([LANYARD, "db", "upgrade"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([LANYARD, "demo", "seed"], env=env, check=True, stdout=subprocess.DEVNULL)
    ports = [_free_port() for _ in range(servers)]
    procs = [
        subprocess.Popen(
            [LANYARD, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, proc in zip(bases, procs, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{base}/signin", timeout=1)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("a server did not start") from None
                    time.sleep(0.2)
        outcomes, elapsed, failed_sign_ins = asyncio.run(_load(bases, clients, seconds))
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
    total = sum(outcomes.values())
    failed = total - outcomes.get("200", 0)
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()) if k != "200")
    detail = f" - {detail}" if detail else ""
    print(
        f"{label}: {servers} `lanyard serve` processes, {clients} clients, no think time:"
        f" {total} asks in {elapsed:.0f} s ({total / elapsed:.0f}/s),"
        f" {failed} failed ({100 * failed / max(total, 1):.1f} %){detail};"
        f" {failed_sign_ins} failed sign-ins"
    )


def _postgres_schema(admin_url: str) -> tuple[str, str]:
    schema = f"writers_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    sep = "&" if "?" in admin_url else "?"
    return schema, f"{admin_url}{sep}options=-csearch_path%3D{schema}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--sqlite-servers", type=int, default=2)
    parser.add_argument("--postgres", default=os.environ.get("LANYARD_TEST_POSTGRES_URL"))
    parser.add_argument("--postgres-servers", type=int, default=4)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lanyard-writers-"))
    try:
        url = f"sqlite:///{folder / 'lanyard.sqlite3'}"
        bench("SQLite", url, args.sqlite_servers, args.clients, args.seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.postgres:
        schema, url = _postgres_schema(args.postgres)
        try:
            bench("PostgreSQL", url, args.postgres_servers, args.clients, args.seconds)
        finally:
            admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


if __name__ == "__main__":
    main()
