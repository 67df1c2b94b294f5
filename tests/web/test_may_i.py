"""The "May I?" page and API: the answer quotes the policy, and a disclosure on file is a
fact the engine uses."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.district import District
from tests.web.conftest import csrf_of, sign_in

TEXT_PERSONAL = {
    "action": "message",
    "purpose": "personal",
    "medium": "text_message",
    "account": "personal",
    "device": "personal",
    "network": "other",
    "on_duty": "no",
    "relationship": "none",
    "counterpart_role": "student",
    "count": "1",
    "counterpart_account": "personal",
}


def ask(client: TestClient, **fields: str) -> str:
    token = csrf_of(client, "/may-i")
    response = client.post("/may-i", data={**TEXT_PERSONAL, **fields, "csrf_token": token})
    assert response.status_code == 200, response.text
    return response.text


def test_texting_a_student_is_prohibited_with_the_quoted_clause(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    page = ask(client)
    assert "No, the policy does not allow this." in page
    assert "Employees are prohibited from using technology to communicate with a student" in page


def test_disclosed_family_relationship_changes_the_answer_and_says_so(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    page = ask(client, counterpart_id=district.student)
    assert "No, the policy does not allow this." not in page
    assert "your relationship disclosure on file" in page
    assert "Your relationship with them: familial" in page


def test_someone_not_disclosed_cannot_be_picked(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/may-i")
    response = client.post(
        "/may-i",
        data={**TEXT_PERSONAL, "counterpart_id": district.south_student, "csrf_token": token},
    )
    assert response.status_code == 422
    assert "choose someone from the list" in response.text


def test_tampered_choice_is_refused(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/may-i")
    response = client.post(
        "/may-i", data={**TEXT_PERSONAL, "medium": "carrier_pigeon", "csrf_token": token}
    )
    assert response.status_code == 422
    assert "medium" in response.text


def test_visitor_is_sent_to_sign_in(client: TestClient) -> None:
    response = client.get("/may-i")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin")


def test_api_answers_in_the_decision_format(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/may-i")
    situation = {
        "action": "message",
        "purpose": "personal",
        "actor": {"on_duty": False, "relationship": "none"},
        "channel": {"medium": "text_message", "account": "personal", "device": "personal"},
        "counterparts": [{"role": "student", "count": 1}],
    }
    response = client.post(
        "/api/may-i",
        json={"situation": situation, "counterpart_id": district.student},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["decision"]) >= {"verdict", "obligations", "needs_facts", "citations"}
    assert {"field": "actor.relationship", "value": "familial"}.items() <= next(
        f for f in body["from_record"] if f["field"] == "actor.relationship"
    ).items()
    bad = client.post(
        "/api/may-i",
        json={"situation": {**situation, "channel": {"medium": "fax"}}},
        headers={"X-CSRF-Token": token},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "channel.medium"


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/may-i" in spec["paths"]


def test_a_text_to_a_student_with_the_rest_unknown_is_not_a_yes(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/may-i")
    response = client.post(
        "/may-i",
        data={
            "action": "message",
            "medium": "text_message",
            "counterpart_role": "student",
            "csrf_token": token,
        },
    )
    page = response.text
    assert response.status_code == 200
    assert "Yes, you may" not in page
    assert "It depends." in page
    assert 'class="deciding-question"' in page
    assert "actor." not in page and "channel." not in page  # plain questions, no field names
