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
import os
import random
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

import web_load
from machine import tree_cpu
from schemas import postgres_schema

ASKS = "may-i (POST)"


@dataclass
class Version:
    name: str
    src: Path | None
    env: dict[str, str]
    served: web_load.Served | None = None
    cpu: float = 0.0
    asks: int = 0
    failed: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"src {self.src}" if self.src else "this checkout"]
        parts += [f"{k}={v}" for k, v in self.env.items()]
        return ", ".join(parts)

    def start(self, url: str, workers: int) -> None:
        env = dict(self.env)
        if self.src is not None:
            env["PYTHONPATH"] = os.pathsep.join(
                [str(self.src.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]
            )
        self.served = web_load.serve(url, workers, env)

    def stop(self) -> None:
        if self.served is not None:
            for line in self.served.stop():
                print(f"  server {self.name}: {line}")


async def _signed_in(base: str, users: int) -> list[web_load.RawUser]:
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(users)]
    try:
        await web_load.sign_in_all(clients)
        return await web_load._raw_users(base, clients, True)
    finally:
        for client in clients:
            await client.aclose()


async def _compare(versions: list[Version], users: int, slices: int, seconds: float) -> None:
    raw: dict[str, list[web_load.RawUser]] = {}
    for version in versions:
        assert version.served is not None
        raw[version.name] = await _signed_in(version.served.base, users)
    rng = random.Random(230)
    for i in range(slices):
        for version in versions if i % 2 == 0 else versions[::-1]:
            samples: dict[str, list[float]] = {name: [] for name in web_load.PAGES}
            failures: dict[str, list[str]] = {name: [] for name in web_load.PAGES}
            firsts: dict[str, list[float]] = {name: [] for name in web_load.PAGES}
            assert version.served is not None
            pid = version.served.server.pid
            before = tree_cpu(pid)
            until = time.monotonic() + seconds
            await asyncio.gather(
                *(
                    web_load._raw_user(u, until, samples, failures, rng, True, True, firsts)
                    for u in raw[version.name]
                )
            )
            version.cpu += tree_cpu(pid) - before
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
    with ExitStack() as stack:
        for version in versions:
            version.start(stack.enter_context(postgres_schema(args.postgres, "load")), args.workers)
            stack.callback(version.stop)
        asyncio.run(_compare(versions, args.users, args.slices, args.seconds))
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
