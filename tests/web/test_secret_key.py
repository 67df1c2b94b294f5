"""Issue 10, finding 1: no built-in secret. Without LANYARD_SECRET_KEY (and an escrow
key) Lanyard refuses to start, naming the variable and how to make one; demo mode
generates both beside its SQLite file and says so on every page; a session cookie
signed with the constant earlier versions shipped is refused."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from lanyard.cli.main import cli
from lanyard.config import Settings
from lanyard.crypto import keyring_from_settings
from lanyard.crypto.keyring import DERIVED_KEY_ID
from lanyard.crypto.startup import MissingSecret
from lanyard.web.app import SESSION_COOKIE, create_app
from tests.support.district import seed_district
from tests.web.conftest import make_settings, sign_in

# The constant earlier versions used when LANYARD_SECRET_KEY was unset.
OLD_BUILT_IN_SECRET = "dev-only-secret-key-change-me-0000000000"


@pytest.fixture
def no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANYARD_SECRET_KEY", raising=False)
    monkeypatch.delenv("LANYARD_ENCRYPTION_KEYS", raising=False)
    monkeypatch.delenv("LANYARD_ENCRYPTION_KEY", raising=False)


@pytest.mark.usefixtures("no_secrets")
def test_the_web_app_refuses_to_start_without_a_secret_key(sqlite_url: str) -> None:
    with pytest.raises(MissingSecret) as caught:
        create_app(Settings(database_url=sqlite_url))
    message = str(caught.value)
    assert "LANYARD_SECRET_KEY" in message
    assert "secrets.token_urlsafe(48)" in message


@pytest.mark.usefixtures("no_secrets")
def test_a_short_secret_key_is_refused(sqlite_url: str) -> None:
    with pytest.raises(MissingSecret, match="LANYARD_SECRET_KEY is too short"):
        create_app(
            Settings(database_url=sqlite_url, secret_key="short", encryption_keys=None)  # type: ignore[arg-type]
        )


@pytest.mark.usefixtures("no_secrets")
def test_production_needs_its_own_escrow_key(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url, secret_key="k" * 48)  # type: ignore[arg-type]
    with pytest.raises(MissingSecret) as caught:
        create_app(settings)
    assert "LANYARD_ENCRYPTION_KEYS" in str(caught.value)
    assert "lanyard escrow new-key" in str(caught.value)


@pytest.mark.usefixtures("no_secrets")
@pytest.mark.parametrize(
    "command",
    [["serve"], ["worker"], ["escrow", "rotate"], ["jobs", "run-due"], ["db", "upgrade"]],
)
def test_commands_refuse_to_start_without_a_secret_key(
    command: list[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANYARD_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("LANYARD_BROKER_URL", "redis://127.0.0.1:1/0")
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2, result.output
    assert "LANYARD_SECRET_KEY is not set" in result.output
    assert "secrets.token_urlsafe(48)" in result.output


@pytest.mark.usefixtures("no_secrets")
def test_demo_mode_keeps_generated_keys_beside_the_database(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    first = create_app(Settings(database_url=sqlite_url, demo=True)).state.services.settings
    secret_file = database.with_name(database.name + ".secret-key")
    escrow_file = database.with_name(database.name + ".escrow-keys")
    for path in (secret_file, escrow_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.secret_key.get_secret_value() != OLD_BUILT_IN_SECRET
    assert len(first.secret_key.get_secret_value()) >= 48
    again = create_app(Settings(database_url=sqlite_url, demo=True)).state.services.settings
    assert again.secret_key == first.secret_key  # a restart keeps sessions ...
    assert again.encryption_keys == first.encryption_keys  # ... and escrow
    ring = keyring_from_settings(again)
    assert DERIVED_KEY_ID not in ring.keys  # never derived from the demo secret
    assert ring.keys[ring.current] == base64.b64decode(
        escrow_file.read_text().strip().partition(":")[2]
    )


@pytest.mark.usefixtures("no_secrets")
def test_demo_mode_says_so_on_every_page(sqlite_url: str) -> None:
    demo = create_app(Settings(database_url=sqlite_url, demo=True))
    with TestClient(demo, follow_redirects=False) as client:
        assert "Demo mode" in client.get("/signin").text
        assert "Demo mode" in client.get("/no-such-page").text
    production = create_app(make_settings(sqlite_url))
    seed_district(production.state.services.db)
    with TestClient(production, follow_redirects=False) as client:
        assert "Demo mode" not in client.get("/signin").text
        sign_in(client, "tina")
        assert "Demo mode" not in client.get("/home").text


def _forge(payload: dict[str, str], *, secret: str) -> str:
    """A session cookie in the signed format earlier versions used (Starlette's)."""
    data = base64.b64encode(json.dumps(payload).encode())
    return TimestampSigner(secret).sign(data).decode()


@pytest.mark.parametrize("demo", [False, True])
def test_a_cookie_signed_with_the_old_built_in_secret_is_refused(
    demo: bool, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(make_settings(sqlite_url))
    secret = app.state.services.settings.secret_key.get_secret_value()
    district = seed_district(app.state.services.db)
    if demo:  # the same database served in demo mode, its secret generated
        monkeypatch.delenv("LANYARD_SECRET_KEY")
        app = create_app(make_settings(sqlite_url, secret_key=None, demo=True))
    payload = {"pid": district.admin, "csrf": "forged-csrf-token"}
    # Sessions are kept on the server now: a signed cookie opens nothing, whatever key
    # signed it (the old constant, or even the app's own secret).
    for key in (OLD_BUILT_IN_SECRET, secret):
        with TestClient(app, follow_redirects=False) as attacker:
            attacker.cookies.set(SESSION_COOKIE, _forge(payload, secret=key))
            answer = attacker.get("/audit")
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/signin")
            refused = attacker.post("/audit/verify", data={"csrf_token": "forged-csrf-token"})
            assert refused.status_code == 403
