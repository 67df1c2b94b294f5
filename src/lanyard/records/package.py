"""Checking a records export offline: every file's SHA-256 against the manifest, the
manifest's signature, the checkpoint's signature, and the audit-chain segment against
the checkpoint. Needs the package and (for real proof) the district's public key; no
database."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from lanyard.audit.checkpoint import CheckpointFormatError, parse
from lanyard.audit.keys import key_id
from lanyard.records.domain import PACKAGE_FORMAT, check_segment

_OWN = {"manifest.json", "manifest.sig", "SHA256SUMS"}


@dataclass
class PackageCheck:
    files: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def _sha(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with zf.open(name) as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _chain(zf: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    with zf.open(name) as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = json.loads(raw)
            except json.JSONDecodeError:
                raise ValueError(f"{name} line {number} is not JSON") from None
            if not isinstance(line, dict):
                raise ValueError(f"{name} line {number} is not an entry")
            yield line


def verify_package(path: Path, *, public_key: Ed25519PublicKey | None = None) -> PackageCheck:
    """Check the package at ``path``; each problem names the file or entry at fault.
    Without ``public_key`` the key inside the package checks the signatures, which proves
    the package is consistent, not who made it (a note says so)."""
    check = PackageCheck()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        check.problems.append(f"{path}: not a readable zip ({exc})")
        return check
    with zf:
        every = zf.namelist()
        names = set(every)
        if len(names) != len(every):
            seen: set[str] = set()
            for name in every:
                if name in seen:
                    check.problems.append(f"{name}: in the package twice (one copy was added)")
                seen.add(name)
        if "manifest.json" not in names:
            check.problems.append("manifest.json: missing")
            return check
        raw = zf.read("manifest.json")
        try:
            manifest = json.loads(raw)
        except json.JSONDecodeError:
            check.problems.append("manifest.json: not valid JSON")
            return check
        if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
            check.problems.append(f"manifest.json: not a {PACKAGE_FORMAT} manifest")
            return check
        key = public_key
        if key is None:
            try:
                loaded = load_pem_public_key(zf.read("audit/public-key.pem"))
            except (KeyError, ValueError):
                loaded = None
            if isinstance(loaded, Ed25519PublicKey):
                key = loaded
                check.notes.append(
                    "signatures checked with the key inside the package: this proves the "
                    "package is whole, not that the district made it (--public-key FILE)"
                )
            else:
                check.problems.append("audit/public-key.pem: missing or not an Ed25519 key")
        if key is not None:
            if manifest.get("signing_key_id") != key_id(key):
                check.problems.append(
                    f"manifest.json: signed by key {manifest.get('signing_key_id')}, "
                    f"not by {key_id(key)}"
                )
            try:
                key.verify(base64.b64decode(zf.read("manifest.sig"), validate=False), raw)
            except KeyError:
                check.problems.append("manifest.sig: missing")
            except (InvalidSignature, binascii.Error, ValueError):
                check.problems.append(
                    "manifest.json: its signature does not verify (manifest.sig): the "
                    "manifest was altered"
                )
        listed = _check_files(zf, manifest, names, check)
        for name in sorted(names - listed - _OWN):
            check.problems.append(f"{name}: in the package but not in the manifest")
        _check_chain(zf, manifest, key, check)
    return check


def _check_files(
    zf: zipfile.ZipFile, manifest: dict[str, Any], names: set[str], check: PackageCheck
) -> set[str]:
    """Check ``SHA256SUMS`` against the (signed) manifest, then every file against it."""
    listed: set[str] = set()
    sums = manifest.get("checksums") or {}
    name = str(sums.get("path", "SHA256SUMS"))
    if name not in names:
        check.problems.append(f"{name}: missing from the package")
        return listed
    if _sha(zf, name) != sums.get("sha256"):
        check.problems.append(f"{name}: its SHA-256 does not match the manifest")
    with zf.open(name) as handle:
        for number, raw in enumerate(handle, start=1):
            sha, sep, path = raw.decode("utf-8", "replace").rstrip("\n").partition("  ")
            if not sep:
                check.problems.append(f"{name} line {number}: not '<sha256>  <path>'")
                continue
            listed.add(path)
            check.files += 1
            if path not in names:
                check.problems.append(f"{path}: missing from the package")
            elif _sha(zf, path) != sha:
                check.problems.append(f"{path}: its SHA-256 does not match the manifest")
    if check.files != sums.get("files"):
        check.problems.append(
            f"{name}: lists {check.files} files, the manifest says {sums.get('files')}"
        )
    return listed


def _check_chain(
    zf: zipfile.ZipFile,
    manifest: dict[str, Any],
    key: Ed25519PublicKey | None,
    check: PackageCheck,
) -> None:
    info = manifest.get("audit") or {}
    try:
        checkpoint = parse(zf.read(info["checkpoint"]).decode())
    except (KeyError, UnicodeDecodeError, CheckpointFormatError) as exc:
        check.problems.append(f"audit/checkpoint.json: missing or not a checkpoint ({exc})")
        return
    if key is not None and not checkpoint.verifies_with(key):
        check.problems.append(
            "audit/checkpoint.json: its signature does not verify: altered or forged"
        )
    try:
        result = check_segment(
            _chain(zf, info["chain"]),
            anchor_seq=int(info["anchor_seq"]),
            anchor_hash=str(info["anchor_hash"]),
            last_seq=int(info["last_seq"]),
            checkpoint_seq=checkpoint.seq,
            checkpoint_head=checkpoint.head,
        )
    except (KeyError, ValueError, TypeError) as exc:
        check.problems.append(f"audit/chain.jsonl: unreadable ({exc})")
        return
    check.problems.extend(result.problems)
    first, last = info["first_seq"], info["last_seq"]
    span = f"entries {first}-{last}" if last >= first else "no entries"
    check.notes.append(
        f"audit chain: {span}, {result.recomputed} with content checked, "
        f"{result.withheld} withheld (outside the request or redacted; present by hash only)"
    )
