"""Verifying the audit log: the hash chain, the entries' MACs and signed checkpoints.

What a clean result proves, and what it cannot, is written out in docs/audit.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lanyard.audit.checkpoint import GENESIS, Checkpoint
from lanyard.audit.disposal import CERTIFICATE_PART, checkpoint_of
from lanyard.audit.disposal import latest as latest_disposal
from lanyard.audit.keys import SESSION_INFO_KEY, key_id, mac_matches
from lanyard.audit.orm import AuditCheckpoint, AuditDisposal, AuditEntry
from lanyard.audit.service import AuditEvent, ChainProblem, _digest, _entries
from lanyard.crypto.keyring import KeyRing


@dataclass(frozen=True)
class CheckpointProblem:
    label: str
    message: str

    def __str__(self) -> str:
        return f"checkpoint {self.label}: {self.message}"


Problem = ChainProblem | CheckpointProblem


@dataclass
class Verification:
    count: int = 0
    last_seq: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


@dataclass
class _Runs:
    """Consecutive entries with the same finding, reported as one range."""

    found: list[ChainProblem] = field(default_factory=list)
    _open: dict[str, list[int]] = field(default_factory=dict)

    def add(self, seq: int, message: str) -> None:
        run = self._open.get(message)
        if run is not None and run[1] == seq - 1:
            run[1] = seq
            return
        self._close(message)
        self._open[message] = [seq, seq]

    def _close(self, message: str) -> None:
        run = self._open.pop(message, None)
        if run is not None:
            self.found.append(ChainProblem(run[0], message, run[1]))

    def close(self) -> list[ChainProblem]:
        for message in list(self._open):
            self._close(message)
        return self.found


STORED = "stored in the database"
MAC_MISMATCH = (
    "its MAC does not match: edited with the chain hashes recomputed, or written under another key"
)
MAC_MISSING = "carries no MAC, though entries before it do (the MAC was removed)"


def stored_checkpoints(session: Session) -> list[Checkpoint]:
    rows = session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.seq))
    return [Checkpoint(r.seq, r.head, r.at, r.mac_from, r.key_id, r.signature) for r in rows]


def verify_log(
    session: Session,
    *,
    keys: KeyRing | None = None,
    checkpoints: Sequence[tuple[str, Checkpoint]] = (),
    public_key: Ed25519PublicKey | None = None,
    check_stored: bool = True,
) -> Verification:
    """Walk the chain; check each entry's MAC (``keys``, else the session's key ring) and
    the chain against each checkpoint (``(label, checkpoint)``, signatures checked with
    ``public_key``). Checkpoints kept in the database are checked too when the public key
    is given; a checkpoint the caller holds outside the database is the real proof."""
    if keys is None:
        found = session.info.get(SESSION_INFO_KEY)
        keys = found if isinstance(found, KeyRing) else None
    result = Verification()
    wanted = {cp.seq for _, cp in checkpoints}
    if check_stored and public_key is not None:
        own = key_id(public_key)
        stored = [cp for cp in stored_checkpoints(session) if cp.key_id == own]
        checkpoints = [*checkpoints, *((f"{STORED} ({cp.seq})", cp) for cp in stored)]
        wanted |= {cp.seq for cp in stored}
    heads: dict[int, str] = {0: GENESIS}
    runs = _Runs()
    chain: list[ChainProblem] = []
    prev_hash, expected_seq = GENESIS, 1
    cut, unaccounted = _disposed_prefix(session, result, public_key)
    if cut is not None:
        heads[cut.through_seq] = cut.head
        prev_hash, expected_seq = cut.head, cut.through_seq + 1
        checkpoints = _outside_cut(result, checkpoints, cut.through_seq)
    start = expected_seq
    premac_first: int | None = None
    premac_last: int | None = None
    first_mac: int | None = None
    unchecked_macs = 0
    for entry in _entries(session):
        result.count += 1
        result.last_seq = entry.seq
        if entry.seq != expected_seq:
            gone = (
                f"entry {expected_seq} before it was"
                if entry.seq == expected_seq + 1
                else f"entries {expected_seq}-{entry.seq - 1} before it were"
            )
            why = ""
            if expected_seq == start:
                why = (
                    f"; {unaccounted}"
                    if cut is None
                    else f", beyond the disposal of entries 1-{cut.through_seq}"
                )
            chain.append(ChainProblem(entry.seq, f"{gone} deleted{why}"))
        elif entry.prev_hash != prev_hash:
            chain.append(ChainProblem(entry.seq, "does not follow the entry before it"))
        if _digest(entry.prev_hash, entry) != entry.hash:
            chain.append(ChainProblem(entry.seq, "was edited after it was written"))
        if entry.seq in wanted:
            heads[entry.seq] = entry.hash
        if entry.mac is None:
            if first_mac is None:
                premac_first = entry.seq if premac_last is None else premac_first
                premac_last = entry.seq
            else:
                runs.add(entry.seq, MAC_MISSING)
        else:
            if first_mac is None:
                first_mac = entry.seq
            if keys is None:
                unchecked_macs += 1
            elif entry.mac_key_id is None or entry.mac_key_id not in keys.keys:
                runs.add(
                    entry.seq, f"its MAC key {entry.mac_key_id!r} is not in LANYARD_AUDIT_KEYS"
                )
            elif not mac_matches(keys, entry.mac_key_id, entry.seq, entry.hash, entry.mac):
                runs.add(entry.seq, MAC_MISMATCH)
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    broken: list[ChainProblem] = [*chain, *runs.close()]
    broken.sort(key=lambda p: (p.seq, str(p)))
    result.problems.extend(broken)
    if premac_first is not None and premac_last is not None:
        result.notes.append(
            f"{_span(premac_first, premac_last)} predate the MAC (written before it existed or "
            "without LANYARD_AUDIT_KEYS): the hash chain and checkpoints cover them, no MAC does"
        )
    if unchecked_macs:
        result.notes.append(
            f"MACs not checked ({unchecked_macs} entries carry one): LANYARD_AUDIT_KEYS is "
            "not set here"
        )
    newest = 0
    for label, cp in checkpoints:
        newest = max(newest, _check(result, label, cp, heads, public_key, premac_last))
    if not checkpoints:
        result.notes.append(
            "no checkpoint given: entries removed from the end, or a chain rewritten by "
            "someone holding the MAC key, would not show (--checkpoint FILE)"
        )
    elif newest and result.last_seq > newest:
        result.notes.append(
            f"{_span(newest + 1, result.last_seq)} are newer than the newest checkpoint "
            "checked: their MACs protect them from edits, nothing yet shows their removal"
        )
    return result


NO_DISPOSAL = "no disposal of the audit log accounts for them"


def _disposed_prefix(
    session: Session, result: Verification, public_key: Ed25519PublicKey | None
) -> tuple[AuditDisposal | None, str]:
    """The disposal the chain starts from, when the log's first entries are gone and the
    disposal row, the checkpoint signed at its cut and its certificate agree; else None
    and what to say of the missing entries."""
    row = latest_disposal(session)
    if row is None:
        return None, NO_DISPOSAL
    first = session.scalar(select(func.min(AuditEntry.seq)))
    if first is not None and first <= row.through_seq:
        return None, NO_DISPOSAL  # entries up to the cut are still there: nothing to accept
    through = row.through_seq
    found: list[str] = []
    cert = session.get(AuditEntry, row.certificate_seq)
    part = None
    if cert is not None and cert.event == str(AuditEvent.RECORDS_DISPOSED):
        types = (cert.after or {}).get("types")
        part = types.get(CERTIFICATE_PART) if isinstance(types, dict) else None
    checkpoint = checkpoint_of(row)
    if cert is None or not isinstance(part, dict) or cert.seq <= through:
        found.append(
            f"disposed of according to audit_disposals, but entry {row.certificate_seq} is not "
            "a certificate of destruction after the cut: the disposal record was forged, or "
            "its certificate removed"
        )
    elif (
        part.get("through_seq") != through
        or part.get("head_hash") != row.head
        or part.get("checkpoint") != checkpoint.to_line()
    ):
        found.append(
            f"the disposal record does not agree with its certificate (entry {cert.seq}): "
            "it was forged or altered"
        )
    if public_key is None:
        result.notes.append(
            f"the checkpoint signed at the cut (entry {through}) was not checked: no key "
            "(set LANYARD_AUDIT_SIGNING_KEY_FILE or pass --public-key)"
        )
    elif checkpoint.key_id != key_id(public_key) or not checkpoint.verifies_with(public_key):
        found.append(
            "the checkpoint recorded as signed at the cut does not verify with this log's key: "
            "the disposal record was forged or altered"
        )
    if found:
        result.problems.extend(ChainProblem(1, message, through) for message in found)
        return None, "the disposal recorded for them does not hold (above)"
    result.notes.append(
        f"{_span(1, through)} were disposed of on {row.at:%Y-%m-%d} (certificate of "
        f"destruction: entry {row.certificate_seq}); the chain is checked from entry "
        f"{through + 1}, anchored at entry {through}'s hash as signed at the cut"
    )
    return row, ""


def _outside_cut(
    result: Verification, checkpoints: Sequence[tuple[str, Checkpoint]], through: int
) -> list[tuple[str, Checkpoint]]:
    """The checkpoints that still reach into the log; one note for the rest."""
    kept: list[tuple[str, Checkpoint]] = []
    before: list[tuple[str, Checkpoint]] = []
    for label, cp in checkpoints:
        (kept if cp.seq >= through else before).append((label, cp))
    given = [label for label, _ in before if not label.startswith(STORED)]
    for label in given:
        result.notes.append(
            f"checkpoint {label} covers only entries disposed of (through entry {through}): "
            "it can no longer be compared with the log; the checkpoint signed at the cut "
            "carries the chain on"
        )
    if len(before) > len(given):
        result.notes.append(
            f"{len(before) - len(given)} checkpoint(s) kept in the database cover only "
            "entries disposed of: not checked"
        )
    return kept


def _span(first: int, last: int) -> str:
    return f"entry {first}" if first == last else f"entries {first}-{last}"


def _check(
    result: Verification,
    label: str,
    cp: Checkpoint,
    heads: dict[int, str],
    public_key: Ed25519PublicKey | None,
    premac_last: int | None,
) -> int:
    """Check one checkpoint; return the last entry it proved (0 if none)."""
    if public_key is None:
        result.problems.append(
            CheckpointProblem(
                label,
                "its signature cannot be checked: no key (set LANYARD_AUDIT_SIGNING_KEY_FILE "
                "or pass --public-key)",
            )
        )
        return 0
    own = key_id(public_key)
    if cp.key_id != own:
        result.problems.append(
            CheckpointProblem(
                label, f"signed by key {cp.key_id}, not by this log's key {own}: forged or foreign"
            )
        )
        return 0
    if not cp.verifies_with(public_key):
        result.problems.append(
            CheckpointProblem(label, "its signature does not verify: it was altered or forged")
        )
        return 0
    where = cp.describe()
    if result.last_seq < cp.seq:
        result.problems.append(
            ChainProblem(
                result.last_seq + 1,
                f"missing: {where} covers them, the log now ends at entry {result.last_seq} "
                "(the end of the log was removed)",
                cp.seq,
            )
        )
        return 0
    head = heads.get(cp.seq)
    if head is None:
        result.problems.append(ChainProblem(cp.seq, f"missing, though {where} covers it"))
        return 0
    if head != cp.head:
        result.problems.append(
            ChainProblem(
                cp.seq,
                f"its hash differs from {where}: an entry at or before it was changed or "
                "removed and the chain recomputed",
            )
        )
        return 0
    if cp.mac_from is not None and premac_last is not None and premac_last >= cp.mac_from:
        result.problems.append(
            ChainProblem(
                cp.mac_from,
                f"without a MAC, though {where} says entries from {cp.mac_from} carried one",
                max(cp.mac_from, min(premac_last, cp.seq)),
            )
        )
    result.notes.append(f"{label} matches: {where} are as they were when it was signed")
    return cp.seq
