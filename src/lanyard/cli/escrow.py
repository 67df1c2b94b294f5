"""``lanyard escrow``: key rotation for escrowed credentials."""

from __future__ import annotations

import datetime as dt

import click

from lanyard.cli.ops import OperationFailed, load_services


@click.group("escrow")
def escrow_group() -> None:
    """Escrowed credentials of official accounts (encrypted with LANYARD_ENCRYPTION_KEYS)."""


@escrow_group.command("new-key")
@click.option("--id", "key_id", default="k" + dt.date.today().strftime("%Y%m%d"), show_default=True)
def new_key(key_id: str) -> None:
    """Print a fresh key entry to put first in LANYARD_ENCRYPTION_KEYS."""
    from lanyard.crypto.keyring import new_key as make

    click.echo(f"{key_id}:{make()}")


@escrow_group.command("rotate")
def rotate() -> None:
    """Re-encrypt every escrowed secret (and every face template) under the current (first)
    key, in one transaction."""
    from lanyard.crypto import DecryptionFailed, keyring_from_settings
    from lanyard.moderation.platform import reseal
    from lanyard.official_accounts.escrow import rotate as run_rotate
    from lanyard.prepub.biometrics import reseal_face_templates

    app = load_services()
    keyring = keyring_from_settings(app.settings)
    moment = dt.datetime.now(dt.UTC)
    try:
        with app.db.uow(write=True) as uow:
            # the platforms' API tokens and webhook secrets, then the passwords (one commit)
            count = reseal(uow.session, keyring, moment)
            # students' face templates (face recognition), then the passwords (one commit)
            count += reseal_face_templates(uow.session, keyring, moment)
            count += run_rotate(uow=uow, keyring=keyring, now=moment)
    except DecryptionFailed as exc:
        raise OperationFailed(
            f"nothing rotated: a secret does not open ({exc}); keep its old key in the ring"
        ) from None
    click.echo(f"re-encrypted {count} secret(s) under key {keyring.current!r}")
