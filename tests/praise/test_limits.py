"""Praise text and outreach notes: the limit is shown, never cut, and alike on every path."""

import html
import io

import pytest
from sqlalchemy import func, select

from eximpact.extensions import db, utcnow
from eximpact.praise.models import Praise
from eximpact.praise.services.outreach import LIMITS as OUTREACH_LIMITS
from eximpact.praise.services.recording import LIMITS
from eximpact.validation import too_long
from tests.factories import PersonFactory
from tests.praise.factories import log_praise


@pytest.fixture
def colleague(app):
    return PersonFactory(manager=PersonFactory())


def test_the_praise_form_shows_the_text_limit_instead_of_cutting_the_text(client, auth):
    auth.login(PersonFactory())
    page = client.get("/praise/new").get_data(as_text=True)
    assert f'data-limit="{LIMITS["text"]}"' in page
    assert f'maxlength="{LIMITS["text"]}"' not in page


def test_praise_text_over_the_limit_is_refused_alike_by_form_api_and_import(
    client, auth, api, colleague
):
    too_much = "t" * (LIMITS["text"] + 1)
    message = too_long(LIMITS["text"])
    me = PersonFactory(roles=["hr"])
    auth.login(me)
    page = client.post(
        "/praise/new",
        data={
            "employee_ids": [colleague.id],
            "source": "call",
            "received_at": utcnow().date().isoformat(),
            "text": too_much,
        },
    )
    assert message in html.unescape(page.get_data(as_text=True))
    response = api(me).post(
        "/api/v1/praise",
        json={"source": "call", "text": too_much, "employee_ids": [colleague.id]},
    )
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["text"] == [message]
    row = f"call,{utcnow().date()},{too_much},{colleague.email}"
    csv = f"source,received_at,text,employee_emails\n{row}\n"
    imported = client.post(
        "/praise/import",
        data={"praise_file": (io.BytesIO(csv.encode()), "praise.csv")},
        content_type="multipart/form-data",
    )
    assert message in html.unescape(imported.get_data(as_text=True))
    assert db.session.scalar(select(func.count(Praise.id))) == 0


def test_the_outreach_note_shows_its_limit_and_is_refused_alike_by_page_and_api(client, auth, api):
    manager = PersonFactory()
    agent = PersonFactory(manager=manager)
    item = log_praise(agent).outreach[0]
    auth.login(manager)
    page = client.get(f"/praise/outreach/{item.id}").get_data(as_text=True)
    assert f'data-limit="{OUTREACH_LIMITS["note"]}"' in page
    assert f'maxlength="{OUTREACH_LIMITS["note"]}"' not in page
    too_much = "n" * (OUTREACH_LIMITS["note"] + 1)
    message = too_long(OUTREACH_LIMITS["note"])
    refused = client.post(f"/praise/outreach/{item.id}", data={"kind": "note", "note": too_much})
    assert message in html.unescape(refused.get_data(as_text=True))
    response = api(manager).post(
        f"/api/v1/outreach/{item.id}/complete", json={"kind": "note", "note": too_much}
    )
    assert response.get_json()["error"]["fields"]["note"] == [message]
    db.session.refresh(item)
    assert item.status == "open"


def test_the_document_states_the_praise_and_note_limits(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert schemas["PraiseIn"]["properties"]["text"]["maxLength"] == LIMITS["text"]
    assert schemas["Completion"]["properties"]["note"]["maxLength"] == OUTREACH_LIMITS["note"]
