"""OpenID Connect sign-in end to end: Lanyard and a real OIDC provider (Authlib's server
side, RSA-signed ID tokens, PKCE, nonce, state) each served by uvicorn on loopback, and
httpx following the redirects between them like a browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from lanyard.auth.orm import Account
from lanyard.db.session import Database
from lanyard.web.app import create_app
from tests.support.district import District, seed_district
from tests.support.oidc_provider import OidcProvider
from tests.support.servers import free_port, serve_in_thread
from tests.web.conftest import audit_events, make_settings

TINA = {
    "sub": "google-sub-tina-0001",
    "email": "tina.teach@example.org",
    "email_verified": True,
    "hd": "example.org",
    "name": "Tina Teach",
}


@dataclass
class Env:
    lanyard: str
    provider: OidcProvider
    db: Database
    district: District


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Env]:
    path = tmp_path_factory.mktemp("oidc") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    provider_port, lanyard_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{provider_port}"
    lanyard = f"http://127.0.0.1:{lanyard_port}"
    provider = OidcProvider(
        issuer=issuer,
        client_id="lanyard-test-client",
        client_secret="lanyard-test-secret",
        redirect_uri=f"{lanyard}/signin/oidc/callback",
        user=dict(TINA),
    )
    settings = make_settings(
        f"sqlite:///{path}",
        oidc_issuer=issuer,
        oidc_client_id="lanyard-test-client",
        oidc_client_secret="lanyard-test-secret",
        oidc_provider_name="Test Workspace",
    )
    app = create_app(settings)
    db = app.state.services.db
    district = seed_district(db)
    with serve_in_thread(provider.app, provider_port), serve_in_thread(app, lanyard_port):
        yield Env(lanyard, provider, db, district)
    db.engine.dispose()


def browse(env: Env, user: dict[str, object]) -> httpx.Response:
    env.provider.user = user
    with httpx.Client(follow_redirects=True, timeout=10) as browser:
        signin = browser.get(f"{env.lanyard}/signin")
        assert "Sign in with Test Workspace" in signin.text
        response = browser.get(f"{env.lanyard}/signin/oidc")
        hops = [str(r.url) for r in response.history]
        assert any(h.startswith(env.provider.issuer + "/authorize?") for h in hops)
        authorize = next(h for h in hops if "/authorize?" in h)
        for param in ("code_challenge=", "code_challenge_method=S256", "nonce=", "state="):
            assert param in authorize
        if response.status_code == 200:
            home = browser.get(f"{env.lanyard}/home")
            assert home.status_code == 200
        return response


def test_staff_member_signs_in_with_the_district_provider(env: Env) -> None:
    response = browse(env, dict(TINA))
    assert response.status_code == 200
    assert response.url.path == "/home"
    assert "Hello, Tina Teach" in response.text
    with env.db.uow() as uow:
        account = uow.session.scalar(
            select(Account).where(Account.person_id == env.district.teacher)
        )
        assert account is not None
        assert (account.oidc_issuer, account.oidc_subject) == (env.provider.issuer, TINA["sub"])
    signed_in = [e for e in audit_events(env.db) if e.event == "account:signed_in"]
    assert signed_in[-1].actor_id == env.district.teacher
    assert signed_in[-1].after == {"method": "oidc"}
    # a second sign-in finds the account by issuer and subject
    assert browse(env, dict(TINA)).url.path == "/home"


def test_out_of_domain_email_is_refused(env: Env) -> None:
    outsider = {**TINA, "sub": "outsider", "email": "tina@gmail.example", "hd": None}
    outsider.pop("hd")
    response = browse(env, outsider)
    assert response.status_code == 403
    assert "not in one of the district&#39;s domains" in response.text
    failed = [e for e in audit_events(env.db) if e.event == "account:sign_in_failed"]
    assert failed[-1].subject_id == "tina@gmail.example"


def test_foreign_workspace_and_unverified_email_are_refused(env: Env) -> None:
    assert browse(env, {**TINA, "sub": "x1", "hd": "other.example"}).status_code == 403
    unverified = browse(env, {**TINA, "sub": "x2", "email_verified": False})
    assert unverified.status_code == 403
    assert "has not verified this e-mail" in unverified.text


def test_unknown_district_address_is_refused(env: Env) -> None:
    response = browse(env, {**TINA, "sub": "nobody", "email": "nobody@example.org"})
    assert response.status_code == 403
    assert "not in the district&#39;s staff directory" in response.text


def test_students_cannot_sign_in_as_staff(env: Env) -> None:
    response = browse(env, {**TINA, "sub": "sam", "email": "sam.student@example.org"})
    assert response.status_code == 403
