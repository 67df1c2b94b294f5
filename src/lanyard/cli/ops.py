"""Operations: ``lanyard db`` and ``lanyard audit``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import ValidationError

from lanyard.bootstrap import Services, services
from lanyard.config import Settings


class OperationFailed(click.ClickException):
    exit_code = 1


class MissingSetting(click.ClickException):
    """A setting Lanyard cannot start without (exit status 2, like a usage error)."""

    exit_code = 2


def load_services() -> Services:
    from lanyard.crypto.startup import MissingSecret

    try:
        return services(Settings())
    except ValidationError as exc:
        err = exc.errors()[0]
        name = "LANYARD_" + str(err["loc"][0]).upper()
        raise click.UsageError(f"{name}: {err['msg']}") from None
    except MissingSecret as exc:
        raise MissingSetting(str(exc)) from None


@click.group()
def db() -> None:
    """The database (LANYARD_DATABASE_URL)."""


@db.command()
@click.option("--revision", default="head", show_default=True)
def upgrade(revision: str) -> None:
    """Create or migrate the database to the current schema."""
    from lanyard.audit.keys import mac_keys_from_settings
    from lanyard.db.migrate import upgrade as run_upgrade

    app = load_services()
    run_upgrade(
        app.settings.database_url, revision, audit_mac_keys=mac_keys_from_settings(app.settings)
    )
    click.echo(f"database is at {revision}: {_safe_url(app.settings.database_url)}")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit log."""


@audit_group.command("verify")
@click.option(
    "--checkpoint",
    "checkpoint_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A signed checkpoint kept outside the database (JSON file, or a syslog line or "
    "e-mail holding one); may be given more than once.",
)
@click.option(
    "--public-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The public key that checks checkpoint signatures (`lanyard audit public-key`); "
    "default: the public half of LANYARD_AUDIT_SIGNING_KEY_FILE.",
)
def audit_verify(checkpoint_files: tuple[Path, ...], public_key: Path | None) -> None:
    """Check the hash chain, every MAC and each checkpoint; name what is wrong."""
    from lanyard.audit.checkpoint import CheckpointFormatError, parse
    from lanyard.audit.keys import AuditKeyError, load_public_key, signing_key_from_settings
    from lanyard.audit.verify import CheckpointProblem, verify_log

    app = load_services()
    try:
        key = (
            load_public_key(public_key)
            if public_key is not None
            else _public_half(signing_key_from_settings(app.settings))
        )
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    checkpoints, unreadable = [], []
    for path in checkpoint_files:
        try:
            checkpoints.append((str(path), parse(path.read_text(encoding="utf-8"))))
        except (CheckpointFormatError, OSError, UnicodeDecodeError) as exc:
            unreadable.append(CheckpointProblem(str(path), f"not a Lanyard checkpoint: {exc}"))
    with app.db.uow() as uow:
        result = verify_log(uow.session, checkpoints=checkpoints, public_key=key)
    result.problems[:0] = unreadable
    for note in result.notes:
        click.echo(f"note: {note}")
    count = result.count
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        raise OperationFailed(
            f"the audit log is broken: {len(result.problems)} problem(s) in {count}"
        )
    when = dt.datetime.now(dt.UTC)
    click.echo(f"audit log intact: {count} entries, chain verified at {when:%Y-%m-%d %H:%M} UTC")


def _public_half(key: Ed25519PrivateKey | None) -> Ed25519PublicKey | None:
    return key.public_key() if key is not None else None


@audit_group.command("checkpoint")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the signed checkpoint (JSON; an existing file is not overwritten). "
    "Keep it where the database administrators cannot change it.",
)
def audit_checkpoint(out: Path) -> None:
    """Sign the audit log's current head (LANYARD_AUDIT_SIGNING_KEY_FILE) and write it."""
    from lanyard.audit.anchoring import make_checkpoint, write_file
    from lanyard.audit.keys import AuditKeyError, signing_key_from_settings

    app = load_services()
    try:
        key = signing_key_from_settings(app.settings)
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    if key is None:
        raise OperationFailed(
            "LANYARD_AUDIT_SIGNING_KEY_FILE is not set; make a key with "
            "`lanyard audit new-signing-key --out FILE`"
        )
    with app.db.uow(write=True) as uow:
        checkpoint = make_checkpoint(uow=uow, signing_key=key, now=dt.datetime.now(dt.UTC))
    try:
        write_file(checkpoint, out)
    except FileExistsError:
        raise OperationFailed(f"{out} exists; give a new file name") from None
    click.echo(f"checkpoint of entries 1-{checkpoint.seq} written to {out}")


@audit_group.command("new-key")
@click.option(
    "--id",
    "key_id",
    default="a" + dt.date.today().strftime("%Y%m%d"),
    show_default=True,
    help="The key's name in the ring (entries record which key made their MAC).",
)
def audit_new_key(key_id: str) -> None:
    """Print a fresh MAC key entry to put first in LANYARD_AUDIT_KEYS."""
    from lanyard.audit.keys import new_mac_key

    click.echo(new_mac_key(key_id))


@audit_group.command("new-signing-key")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the Ed25519 private key (PEM, mode 0600; never overwritten).",
)
def audit_new_signing_key(out: Path) -> None:
    """Make the checkpoint signing key (for LANYARD_AUDIT_SIGNING_KEY_FILE)."""
    from lanyard.audit.keys import key_id, write_signing_key

    try:
        key = write_signing_key(out)
    except FileExistsError:
        raise OperationFailed(f"{out} exists; give a new file name") from None
    click.echo(f"signing key {key_id(key.public_key())} written to {out}")


@audit_group.command("public-key")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write it to this file instead of printing it.",
)
def audit_public_key(out: Path | None) -> None:
    """The public key that verifies checkpoints (give it to whoever keeps them)."""
    from lanyard.audit.keys import AuditKeyError, public_key_pem, signing_key_from_settings

    try:
        key = signing_key_from_settings(load_services().settings)
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    if key is None:
        raise OperationFailed("LANYARD_AUDIT_SIGNING_KEY_FILE is not set")
    pem = public_key_pem(key.public_key())
    if out is None:
        click.echo(pem, nl=False)
    else:
        out.write_text(pem, encoding="utf-8")
        click.echo(f"public key written to {out}")


@click.group("notify")
def notify_group() -> None:
    """Notifications: e-mail that could not be sent yet."""


@notify_group.command("send")
def notify_send() -> None:
    """Mail every pending notification that is due (retries with backoff)."""
    from lanyard.notify.service import send_pending

    app = load_services()
    counts = send_pending(
        app.db, app.notifier, now=dt.datetime.now(dt.UTC), base_url=app.settings.public_url
    )
    click.echo(f"{counts['sent']} sent, {counts['retry']} to retry, {counts['failed']} failed")
