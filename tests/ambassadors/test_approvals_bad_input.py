"""Malformed decisions and time-entry bodies are a 4xx, never a 500 (issue 8)."""

HUGE = "99999999999999999999"


def test_a_decision_naming_no_real_entry_is_a_4xx(client, auth, programme):
    auth.login(programme.manager)
    for decision in ("approve:²", f"approve:{HUGE}", "approve:-1", "approve:"):
        response = client.post("/ambassadors/approvals", data={"decision": decision})
        assert 300 <= response.status_code < 500, decision


def test_a_lone_surrogate_in_a_time_entry_note_is_a_400(api, programme):
    body = '{"project_id": %d, "date": "2026-01-05", "hours": 1, "note": "\\ud800"}'
    response = api(programme.sam).post(
        "/api/v1/time-entries",
        data=body % programme.project.id,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "surrogate" in response.get_json()["error"]["message"]
