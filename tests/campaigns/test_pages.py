"""The planning pages: forms that keep the input, templates, the cascade, exports, timeline."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.campaigns.models import Initiative, Rollout
from eximpact.extensions import db
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, RolloutFactory
from tests.factories import PersonFactory, TeamFactory


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


@pytest.fixture
def campaign(app, hr):
    return CampaignFactory(owner=hr)


def form_data(campaign, owner, **changes):
    return {
        "campaign_id": campaign.id,
        "pillar": "inspire",
        "title": "Town hall",
        "owner_id": owner.email,
        "start_date": "2026-03-02",
        "end_date": "2026-03-06",
        "status": "planned",
        "frequency": "once",
        "progress": "0",
        **changes,
    }


def test_choosing_a_template_fills_the_form(client, auth, hr, campaign):
    auth.login(hr)
    page = client.get(f"/campaigns/initiatives/new?template=skip_level&campaign={campaign.id}")
    html = page.get_data(as_text=True)
    assert 'value="Skip-level meetings with front-line staff"' in html
    assert '<option selected value="inspire">' in html or 'value="inspire" selected' in html
    assert 'value="monthly" selected' in html or '<option selected value="monthly">' in html


@pytest.mark.parametrize(
    "key",
    [
        "town_hall",
        "skip_level",
        "cx_onboarding",
        "call_listening",
        "service_week",
        "ambassador_kickoff",
    ],
)
def test_every_template_makes_a_valid_initiative(client, auth, hr, campaign, key):
    from eximpact.campaigns.presets import TEMPLATES

    values = TEMPLATES[key].values()
    auth.login(hr)
    data = form_data(campaign, hr, **{k: v for k, v in values.items() if not isinstance(v, bool)})
    data.update({k: "y" for k, v in values.items() if v is True})
    response = client.post("/campaigns/initiatives/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def test_a_bad_form_comes_back_with_the_input_and_a_message_at_the_field(
    client, auth, hr, campaign
):
    auth.login(hr)
    response = client.post(
        "/campaigns/initiatives/new",
        data=form_data(
            campaign,
            hr,
            title="Kick-off <b>party</b>",
            end_date="2026-03-01",
            progress="150",
            budget="-20",
        ),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The end cannot be before the start." in html
    assert "Progress is a whole number from 0 to 100." in html
    assert "Cannot be negative." in html
    assert 'value="Kick-off &lt;b&gt;party&lt;/b&gt;"' in html  # kept, and escaped
    assert db.session.scalar(select(Initiative)) is None


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("draft", "“Town hall” is saved as a draft; nobody sees it as planned yet."),
        ("planned", "“Town hall” is planned."),
        ("in_progress", "“Town hall” is saved: in progress."),
    ],
)
def test_saving_an_initiative_says_what_is_true_for_its_status(
    client, auth, hr, campaign, status, message
):
    """The confirmation after saving names the initiative's real status: a draft is not planned."""
    auth.login(hr)
    response = client.post(
        "/campaigns/initiatives/new",
        data=form_data(campaign, hr, status=status),
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert message in html
    if status != "planned":
        assert "is planned." not in html


def test_an_initiative_links_back_to_its_campaign(client, auth, hr, campaign):
    """The initiative page leads back to its campaign's dashboard for those who may see it."""
    initiative = InitiativeFactory(campaign=campaign, owner=hr)
    auth.login(hr)
    html = client.get(f"/campaigns/initiatives/{initiative.id}").get_data(as_text=True)
    assert f'href="/campaigns/{campaign.id}"' in html
    assert f"Back to {campaign.name}" in html


def test_a_value_that_is_not_a_number_is_refused_at_its_field(client, auth, hr, campaign):
    auth.login(hr)
    html = client.post(
        "/campaigns/initiatives/new", data=form_data(campaign, hr, progress="lots")
    ).get_data(as_text=True)
    assert "Not a valid integer value." in html


def test_the_owner_updates_progress_from_the_page(client, auth, campaign):
    owner = PersonFactory()
    item = InitiativeFactory(campaign=campaign, owner=owner)
    auth.login(owner)
    page = client.get(f"/campaigns/initiatives/{item.id}").get_data(as_text=True)
    assert "Update progress" in page and "/edit" not in page
    client.post(
        f"/campaigns/initiatives/{item.id}/progress",
        data={"status": "in_progress", "progress": "30"},
    )
    db.session.refresh(item)
    assert (item.status, item.progress) == ("in_progress", 30)


def test_another_employee_cannot_update_progress(client, auth, campaign):
    item = InitiativeFactory(campaign=campaign)
    auth.login(PersonFactory())
    response = client.post(f"/campaigns/initiatives/{item.id}/progress", data={"status": "done"})
    assert response.status_code == 403
    db.session.refresh(item)
    assert item.status == "planned"


def test_an_employee_gets_403_on_a_draft_page(client, auth, campaign):
    draft = InitiativeFactory(campaign=campaign, status="draft")
    auth.login(PersonFactory())
    assert client.get(f"/campaigns/initiatives/{draft.id}").status_code == 403


def test_the_approver_sees_the_request_and_decides(client, auth, hr, campaign):
    approver = PersonFactory(roles=["manager"])
    item = InitiativeFactory(
        campaign=campaign,
        status="draft",
        approval_state="pending",
        approver=approver,
        approval_requested_by=hr,
    )
    auth.login(approver)
    assert "Your approval is asked" in client.get(f"/campaigns/initiatives/{item.id}").get_data(
        as_text=True
    )
    client.post(
        f"/campaigns/initiatives/{item.id}/decision", data={"comment": "Fine", "approve": "Approve"}
    )
    db.session.refresh(item)
    assert item.approval_state == "approved"


def test_deciding_again_on_the_page_answers_409_and_says_so(client, auth, hr, campaign):
    approver = PersonFactory(roles=["manager"])
    item = InitiativeFactory(
        campaign=campaign,
        status="draft",
        approval_state="pending",
        approver=approver,
        approval_requested_by=hr,
    )
    auth.login(approver)
    url = f"/campaigns/initiatives/{item.id}/decision"
    assert client.post(url, data={"approve": "Approve"}).status_code == 302
    response = client.post(url, data={"reject": "Reject", "comment": "Changed my mind."})
    assert response.status_code == 409
    assert "not waiting for approval" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.approval_state == "approved"


def test_the_requester_cannot_decide_from_the_page(client, auth, hr, campaign):
    item = InitiativeFactory(
        campaign=campaign,
        status="draft",
        approval_state="pending",
        approver=PersonFactory(),
        approval_requested_by=hr,
    )
    auth.login(hr)
    response = client.post(
        f"/campaigns/initiatives/{item.id}/decision", data={"approve": "Approve"}
    )
    assert response.status_code == 403


class TestCascade:
    def test_a_manager_sees_their_teams_rollout_and_updates_it(self, client, auth, campaign):
        manager = PersonFactory(roles=["manager"])
        team = TeamFactory(manager=manager, name="Care North")
        row = RolloutFactory(
            initiative=InitiativeFactory(campaign=campaign, title="Town hall"), team=team
        )
        other = RolloutFactory(initiative=InitiativeFactory(campaign=campaign), team=TeamFactory())
        auth.login(manager)
        page = client.get("/campaigns/rollout").get_data(as_text=True)
        assert "Town hall" in page and "Care North" in page
        assert f"/campaigns/rollout/{other.id}" not in page
        client.post(
            f"/campaigns/rollout/{row.id}",
            data={f"r{row.id}-status": "in_progress", f"r{row.id}-note": "Half the team done"},
        )
        db.session.refresh(row)
        assert (row.status, row.note, row.updated_by_id) == (
            "in_progress",
            "Half the team done",
            manager.id,
        )
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "rollout")
        ).one()
        assert (event.from_state, event.to_state) == ("not_started", "in_progress")

    def test_another_manager_cannot_update_it(self, client, auth, campaign):
        row = RolloutFactory(
            initiative=InitiativeFactory(campaign=campaign),
            team=TeamFactory(manager=PersonFactory()),
        )
        auth.login(PersonFactory(roles=["manager"]))
        response = client.post(f"/campaigns/rollout/{row.id}", data={f"r{row.id}-status": "done"})
        assert response.status_code == 403
        assert db.session.get(Rollout, row.id).status == "not_started"

    def test_the_initiative_shows_rollout_progress(self, client, auth, hr, campaign):
        item = InitiativeFactory(campaign=campaign)
        for status in ("done", "done", "in_progress", "not_started"):
            RolloutFactory(initiative=item, team=TeamFactory(), status=status)
        auth.login(hr)
        page = client.get(f"/campaigns/initiatives/{item.id}").get_data(as_text=True)
        assert "2 of 4 teams done, 1 in progress." in page


def test_the_communication_plan_exports_the_seven_elements_as_csv(client, auth, hr, campaign):
    InitiativeFactory(
        campaign=campaign,
        title='=HYPERLINK("x")',
        sender="CEO",
        audience="All",
        trigger="NPS results",
        channel="Town hall",
        tools="Stream",
        frequency="quarterly",
    )
    auth.login(hr)
    response = client.get(f"/campaigns/{campaign.id}/communication-plan.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["initiative", "pillar", "status"]
    assert {
        "sender",
        "audience",
        "trigger_or_content",
        "channel",
        "tools",
        "frequency",
        "approval",
    } <= set(rows[0])
    assert rows[1][0].startswith("'=")  # a spreadsheet will not run it as a formula
    assert len(rows) == 2


def test_the_timeline_draws_one_lane_per_pillar_and_escapes_titles(client, auth, campaign):
    InitiativeFactory(
        campaign=campaign,
        title="<script>alert(1)</script>",
        start_date=date(2026, 2, 2),
        end_date=date(2026, 6, 30),
        frequency="monthly",
    )
    auth.login(PersonFactory())
    html = client.get(f"/campaigns/{campaign.id}/timeline").get_data(as_text=True)
    for lane in ("Inform", "Inspire", "Instruct", "Engage", "Reward"):
        assert f">{lane}</text>" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_initiative_list_runs_a_fixed_number_of_queries(
    client, auth, hr, campaign, count_queries
):
    auth.login(hr)
    counts = []
    for total in (5, 60):
        while len(db.session.scalars(select(Initiative.id)).all()) < total:
            InitiativeFactory(campaign=CampaignFactory(), owner=PersonFactory())
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/campaigns/initiatives?per_page=100").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_my_rollout_runs_a_fixed_number_of_queries(client, auth, campaign, count_queries):
    manager = PersonFactory(roles=["manager"])
    teams = [TeamFactory(manager=manager) for _ in range(3)]
    auth.login(manager)
    counts = []
    for total in (3, 40):
        while len(db.session.scalars(select(Rollout.id)).all()) < total:
            RolloutFactory(
                initiative=InitiativeFactory(campaign=CampaignFactory()),
                team=teams[len(db.session.scalars(select(Rollout.id)).all()) % 3],
            )
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/campaigns/rollout").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


class TestCampaignForm:
    def data(self, owner, **changes):
        return {
            "name": "CX culture 2027",
            "goal": "Customers feel understood",
            "owner_id": owner.email,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "budget": "50000",
            "kpis-0-name": "NPS",
            "kpis-0-unit": "points",
            "kpis-0-baseline": "30",
            "kpis-0-target": "45",
            "stakeholders-0-group": "finance",
            "stakeholders-0-person_id": owner.email,
            "stakeholders-1-group": "other",
            "stakeholders-1-name": "Works council",
            **changes,
        }

    def test_hr_creates_a_campaign_with_kpis_and_stakeholders(self, client, auth, hr):
        from eximpact.campaigns.models import Campaign

        auth.login(hr)
        response = client.post("/campaigns/new", data=self.data(hr))
        assert response.status_code == 302
        campaign = db.session.scalar(select(Campaign))
        assert [(k.name, k.target) for k in campaign.kpis] == [("NPS", 45)]
        assert [s.display_name for s in campaign.stakeholders] == [hr.name, "Works council"]
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "NPS" in page and "Works council" in page

    def test_a_kpi_without_a_target_is_named_at_its_cell(self, client, auth, hr):
        auth.login(hr)
        html = client.post(
            "/campaigns/new",
            data=self.data(hr, **{"kpis-1-name": "eNPS", "end_date": "2026-01-01"}),
        ).get_data(as_text=True)
        assert "Set a target." in html and "The end cannot be before the start." in html
        assert 'value="eNPS"' in html

    def test_employees_cannot_create_campaigns(self, client, auth):
        auth.login(PersonFactory())
        assert client.post("/campaigns/new", data={"name": "x"}).status_code == 403


def test_a_crowded_timeline_lane_draws_at_most_its_rows_and_lists_the_rest(client, auth, campaign):
    """Overlapping initiatives beyond MAX_ROWS in one lane are not drawn but counted,
    with a link to the list, so the SVG stays bounded whatever the plan's size."""
    from eximpact.campaigns.services.timeline import MAX_ROWS

    for n in range(MAX_ROWS + 3):
        InitiativeFactory(
            campaign=campaign,
            pillar="engage",
            title=f"Overlapping {n}",
            start_date=date(2026, 3, 2),
            end_date=date(2026, 3, 20),
            status="planned",
        )
    auth.login(PersonFactory())
    html = client.get(f"/campaigns/{campaign.id}/timeline").get_data(as_text=True)
    assert html.count("Overlapping ") == MAX_ROWS  # the <title> of each drawn bar
    assert "Engage: 3 more initiatives than the timeline draws" in html


def test_the_timeline_runs_a_fixed_number_of_queries(client, auth, hr, campaign, count_queries):
    """The timeline reads its initiatives in one query, however many the campaign has."""
    auth.login(hr)
    counts = []
    for total in (3, 40):
        while len(db.session.scalars(select(Initiative.id)).all()) < total:
            InitiativeFactory(campaign=campaign, owner=PersonFactory(), frequency="weekly")
        db.session.commit()
        with count_queries() as counter:
            assert client.get(f"/campaigns/{campaign.id}/timeline").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_the_communication_plan_csv_runs_a_fixed_number_of_queries(
    client, auth, hr, campaign, count_queries
):
    """The CSV streams the plan in batches: the queries do not grow with the initiatives."""
    auth.login(hr)
    counts = []
    for total in (3, 40):
        while len(db.session.scalars(select(Initiative.id)).all()) < total:
            RolloutFactory(initiative=InitiativeFactory(campaign=campaign), team=TeamFactory())
        db.session.commit()
        with count_queries() as counter:
            response = client.get(f"/campaigns/{campaign.id}/communication-plan.csv")
            assert len(response.get_data(as_text=True).splitlines()) == total + 1
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
