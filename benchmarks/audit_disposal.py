"""Time disposing of the audit log's oldest entries (issue 14), and verifying it after.

    .venv/bin/python benchmarks/audit_disposal.py [--entries 15000] [--database-url URL]

Writes ``--entries`` audit entries dated 2016 (with MACs, through the same function the
application uses) and 100 entries of today to a fresh SQLite file (or the empty database
at ``--database-url``), sets the audit period to 7 years, and runs the disposition: it
verifies the whole log, signs a checkpoint at the cut, writes the certificate and deletes
the entries up to the cut, in one transaction. Prints the disposition's wall time and
this process's CPU time, then the same for ``verify`` of what is left, with the load
average (the machine is shared: compare CPU seconds, not wall time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from lanyard.audit import service as audit
from lanyard.audit.keys import SESSION_INFO_KEY, new_mac_key, write_signing_key
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.audit.verify import verify_log
from lanyard.crypto.keyring import parse_keys
from lanyard.db.migrate import upgrade
from lanyard.db.session import Database
from lanyard.records.retention import dispose, set_period
from lanyard.records.schedule import Period

OLD = dt.datetime(2016, 5, 3, 10, 0, tzinfo=dt.UTC)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} CPU s ({_load()})")
    return value, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=15_000)
    parser.add_argument("--database-url", help="an empty database (default: a SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'lanyard.sqlite3'}"
        upgrade(url)
        keys = parse_keys(new_mac_key("a1"))
        db = Database(url, info={SESSION_INFO_KEY: keys})
        key = write_signing_key(Path(tmp) / "signing.pem")
        now = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        with db.uow(write=True) as uow:
            for i in range(args.entries + 100):
                at = OLD + dt.timedelta(minutes=i) if i < args.entries else now
                audit.record(
                    uow.session,
                    event=AuditEvent.APPROVAL_RECORDED,
                    subject_type="approval",
                    subject_id=f"a{i}",
                    actor_id=f"p{i % 500}",
                    now=at,
                    after={"form": "social-media-request", "n": i},
                )
            uow.commit()
        print(f"wrote {args.entries + 100} entries in {time.perf_counter() - started:.1f} s")
        with db.uow(write=True) as uow:
            set_period(uow=uow, name="audit", period=Period(7), basis="benchmark", now=now)

        def run_disposal() -> int:
            with db.uow(write=True) as uow:
                outcome = dispose(uow=uow, now=now, signing_key=key)
            return outcome.types["audit"].disposed

        disposed, cpu = _timed("disposition (verify, sign, certify, delete)", run_disposal)
        print(f"disposed of {disposed} entries: {disposed / max(cpu, 1e-9):,.0f} per CPU second")

        def run_verify() -> tuple[int, int]:
            with db.uow() as uow:
                result = verify_log(uow.session, keys=keys, public_key=key.public_key())
                first = uow.session.scalar(select(func.min(AuditEntry.seq)))
            assert not result.problems, result.problems
            return result.count, int(first or 0)

        (count, first), _ = _timed("verify after the disposal", run_verify)
        print(f"the log now holds {count} entries from entry {first}; verify: intact")
        db.engine.dispose()


if __name__ == "__main__":
    main()
