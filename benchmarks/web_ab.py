"""Two versions of the served app compared on the same machine minutes: CPU per May I? ask.

    .venv/bin/python benchmarks/web_ab.py --a-src OTHER_CHECKOUT/src [--b-src src]
        [--a-env K=V ...] [--b-env K=V ...] [--slices 8] [--seconds 5] [--workers 4]

On a shared machine the same code's CPU per ask moves by 20-40 % from one minute to the next
(see the README's Performance section and ``benchmarks/machine.py``), so two runs of
``web_load.py`` one after the other compare the minutes more than the code. This script
starts both versions at once (``lanyard serve --workers N`` each, on PostgreSQL, each with its
own schema migrated and seeded with the demo district), signs the same 50 users in to each,
then sends ``web_load.py``'s no-think ask load (its raw client, POST /may-i as htmx) to one
and then the other in short alternating slices (A B, B A, ...), so that both see the same
minutes. It prints, per version, the asks answered, the failures and the server's CPU per ask
(its process tree's user + system time during its own slices).

A version is a source tree (``--a-src``: put first on the server's PYTHONPATH, so another
checkout's ``src``) and extra environment (``--a-env LANYARD_X=1``). PostgreSQL from
``--postgres`` or LANYARD_TEST_POSTGRES_URL. Loopback only; the run stops by itself and drops
its schemas.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import secrets
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
from sqlalchemy import Engine, create_engine, text

import web_load
from machine import tree_cpu

ASKS = "may-i (POST)"


@dataclass
class Version:
    name: str
    src: Path | None
    env: dict[str, str]
    schema: str = ""
    server: subprocess.Popen[bytes] | None = None
    log: IO[str] | None = None
    base: str = ""
    cpu: float = 0.0
    asks: int = 0
    failed: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"src {self.src}" if self.src else "this checkout"]
        parts += [f"{k}={v}" for k, v in self.env.items()]
        return ", ".join(parts)


def _start(version: Version, postgres: str, admin: Engine, workers: int) -> None:
    version.schema = f"ab_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {version.schema}"))
    sep = "&" if "?" in postgres else "?"
    env = {
        **os.environ,
        "LANYARD_DATABASE_URL": f"{postgres}{sep}options=-csearch_path%3D{version.schema}",
        "LANYARD_PACK": "wilmette-39",
        "LANYARD_DISTRICT_DOMAINS": "demo-district.example.org,students.demo-district.example.org",
        "LANYARD_SECRET_KEY": secrets.token_urlsafe(48),
        "LANYARD_ENCRYPTION_KEYS": "bench:" + base64.b64encode(os.urandom(32)).decode(),
        **version.env,
    }
    if version.src is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(version.src.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    web_load._run(env, "db", "upgrade")
    web_load._run(env, "demo", "seed")
    port = web_load._free_port()
    version.log = tempfile.NamedTemporaryFile("w+", prefix="lanyard-ab-", suffix=".log")
    version.server = subprocess.Popen(
        [web_load.LANYARD, "serve", "--host", "127.0.0.1", "--port", str(port)]
        + ["--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=version.log,
    )
    version.base = f"http://127.0.0.1:{port}"
    web_load._wait_ready(version.base, version.server, Path(version.log.name), workers)


async def _signed_in(base: str, users: int) -> list[web_load.RawUser]:
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(users)]
    try:
        for i in range(0, users, 5):
            await asyncio.gather(
                *(
                    web_load._sign_in(c, web_load.USERS[(i + j) % len(web_load.USERS)])
                    for j, c in enumerate(clients[i : i + 5])
                )
            )
        return await web_load._raw_users(base, clients, True)
    finally:
        for client in clients:
            await client.aclose()


async def _compare(versions: list[Version], users: int, slices: int, seconds: float) -> None:
    raw = {v.name: await _signed_in(v.base, users) for v in versions}
    rng = random.Random(230)
    for i in range(slices):
        for version in versions if i % 2 == 0 else versions[::-1]:
            samples: dict[str, list[float]] = {name: [] for name in web_load.PAGES}
            failures: dict[str, list[str]] = {name: [] for name in web_load.PAGES}
            firsts: dict[str, list[float]] = {name: [] for name in web_load.PAGES}
            assert version.server is not None
            before = tree_cpu(version.server.pid)
            until = time.monotonic() + seconds
            await asyncio.gather(
                *(
                    web_load._raw_user(u, until, samples, failures, rng, True, True, firsts)
                    for u in raw[version.name]
                )
            )
            version.cpu += tree_cpu(version.server.pid) - before
            version.asks += len(samples[ASKS])
            version.failed += failures[ASKS]
            for user in raw[version.name]:
                user.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a-src", type=Path, default=None, help="version A's source tree")
    parser.add_argument("--b-src", type=Path, default=None, help="version B's source tree")
    parser.add_argument("--a-env", action="append", default=[], help="K=V for version A")
    parser.add_argument("--b-env", action="append", default=[], help="K=V for version B")
    parser.add_argument("--slices", type=int, default=8, help="slices per version")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of a slice")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--postgres", default=os.environ.get("LANYARD_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    if not args.postgres:
        parser.error("PostgreSQL is needed: --postgres URL or LANYARD_TEST_POSTGRES_URL")
    versions = [
        Version("A", args.a_src, dict(kv.split("=", 1) for kv in args.a_env)),
        Version("B", args.b_src, dict(kv.split("=", 1) for kv in args.b_env)),
    ]
    admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    try:
        for version in versions:
            _start(version, args.postgres, admin, args.workers)
        asyncio.run(_compare(versions, args.users, args.slices, args.seconds))
    finally:
        for version in versions:
            if version.server is not None:
                version.server.terminate()
                version.server.wait(timeout=30)
            if version.log is not None:
                version.log.close()
            if version.schema:
                with admin.connect() as connection:
                    connection.execute(text(f"DROP SCHEMA {version.schema} CASCADE"))
    took = args.slices * args.seconds
    print(
        f"{args.slices} alternating slices of {args.seconds:g} s per version, {args.users} users, "
        f"{args.workers} workers each, PostgreSQL"
    )
    for v in versions:
        per_ask = v.cpu * 1000 / max(1, v.asks)
        print(
            f"{v.name} ({v.describe()}): {v.asks} asks, {len(v.failed)} failed, "
            f"{per_ask:.2f} ms of server CPU per ask, {v.asks / took:.0f} asks/s in its slices"
        )


if __name__ == "__main__":
    main()
