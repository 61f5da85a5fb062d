"""The home page: what is planned for me, and what waits for me."""

from datetime import date, timedelta

import pytest

from eximpact import clock
from tests.campaigns.factories import CampaignFactory, InitiativeFactory, RolloutFactory
from tests.factories import PersonFactory, TeamFactory


def test_the_home_page_lists_what_is_planned_for_my_team_and_everyone(client, auth):
    mine, other = TeamFactory(), TeamFactory()
    me = PersonFactory(team=mine)
    campaign = CampaignFactory()
    soon = clock.today() + timedelta(days=3)
    later = clock.today() + timedelta(days=30)
    InitiativeFactory(campaign=campaign, title="For everyone", start_date=soon, end_date=later)
    ours = InitiativeFactory(
        campaign=campaign, title="For my team", start_date=soon, end_date=later
    )
    RolloutFactory(initiative=ours, team=mine)
    theirs = InitiativeFactory(
        campaign=campaign, title="Elsewhere", start_date=soon, end_date=later
    )
    RolloutFactory(initiative=theirs, team=other)
    InitiativeFactory(
        campaign=campaign, title="Still a draft", status="draft", start_date=soon, end_date=later
    )
    InitiativeFactory(
        campaign=campaign, title="Long over", start_date=date(2020, 1, 1), end_date=date(2020, 2, 1)
    )
    auth.login(me)
    page = client.get("/").get_data(as_text=True)
    assert "For everyone" in page and "For my team" in page
    assert "Elsewhere" not in page and "Still a draft" not in page and "Long over" not in page


def test_the_home_page_tells_an_approver_and_a_manager_what_waits(client, auth):
    boss = PersonFactory(roles=["manager"])
    team = TeamFactory(manager=boss)
    InitiativeFactory(status="draft", approval_state="pending", approver=boss)
    RolloutFactory(initiative=InitiativeFactory(status="in_progress"), team=team)
    auth.login(boss)
    page = client.get("/").get_data(as_text=True)
    assert "wait for your approval" in page or "waits for your approval" in page
    assert "rollout in your teams to report on" in page


def test_the_home_page_tells_a_manager_about_outreach_and_weeks_to_approve(client, auth):
    from datetime import timedelta

    from tests.ambassadors.factories import TODAY, CxProjectFactory, TimeEntryFactory, ambassador
    from tests.praise.factories import log_praise

    boss = PersonFactory(roles=["manager"])
    sam = ambassador(manager=boss)
    TimeEntryFactory(
        person=sam,
        project=CxProjectFactory(),
        work_date=TODAY - timedelta(days=8),
        status="submitted",
    )
    log_praise(sam, on=clock.today() - timedelta(days=30))  # its follow-up is long overdue
    auth.login(boss)
    page = client.get("/").get_data(as_text=True)
    assert "1</strong> ambassador week to approve" in page
    assert "1 overdue" in page


# -- what is yours ------------------------------------------------------------------------


def _home(client, auth, person) -> str:
    auth.login(person)
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_employee_sees_recognition_and_praise_received_lately(client, auth):
    from tests.people.conftest import recognised, thanked
    from tests.praise.factories import PraiseFactory
    from tests.recognition.factories import CategoryFactory

    me, colleague = PersonFactory(), PersonFactory(name="Carl Colleague")
    recognised(me, colleague, reason="Calmed an angry customer down.")
    thanked(colleague, me, CategoryFactory(company_value=True), "Thanks for the cover.")
    thanked(colleague, me, CategoryFactory(company_value=True), "Long ago.", days_ago=60)
    PraiseFactory(employees=[me], text="She was wonderful on the phone.")
    PraiseFactory(
        employees=[me], text="An old one.", received_at=clock.today() - timedelta(days=90)
    )
    page = _home(client, auth, me)
    assert "Calmed an angry customer down." in page and "Thanks for the cover." in page
    assert f'href="/people/{colleague.id}">Carl Colleague</a>' in page
    assert "She was wonderful on the phone." in page
    assert "Long ago." not in page and "An old one." not in page
    assert f'href="/people/{me.id}">Your page</a>' in page


def test_an_employee_sees_the_outcome_of_their_own_nominations(client, auth):
    from tests.recognition.factories import NominationFactory

    me = PersonFactory()
    declined = NominationFactory(nominator=me, status="declined", decline_reason="Not yet.")
    waiting = NominationFactory(nominator=me)
    NominationFactory(status="approved")  # someone else's
    page = _home(client, auth, me)
    assert "Your nominations" in page
    assert f'href="/recognition/nominations/{declined.id}"' in page and "Declined</span>" in page
    assert f'href="/recognition/nominations/{waiting.id}"' in page and "Submitted</span>" in page
    assert page.count('href="/recognition/nominations/') == 2


def test_a_manager_sees_nominations_to_review_and_enrolments_to_approve(client, auth):
    from tests.ambassadors.factories import EnrolmentFactory
    from tests.recognition.factories import NominationFactory

    boss = PersonFactory(roles=["manager"])
    report = PersonFactory(manager=boss)
    NominationFactory(nominee=report)
    NominationFactory(nominee=report, status="approved")
    NominationFactory(nominee=PersonFactory())  # not theirs to review
    EnrolmentFactory(person=report, status="pending")
    EnrolmentFactory(person=PersonFactory(), status="pending")  # someone else's report
    page = _home(client, auth, boss)
    assert "1 nomination</strong> to review" in page
    assert "/recognition/nominations?view=review&amp;status=submitted" in page
    assert "1 approved nomination</strong> to award" in page
    assert "1 ambassador enrolment</strong> to approve" in page
    assert "/ambassadors/enrolments?status=pending" in page


def test_nothing_waits_for_an_employee_without_reports(client, auth):
    page = _home(client, auth, PersonFactory())
    assert "to review" not in page and "to approve" not in page


def _week_entry(person, status, **fields):
    from eximpact.ambassadors.models import monday_of
    from tests.ambassadors.factories import CxProjectFactory, TimeEntryFactory

    return TimeEntryFactory(
        person=person,
        project=CxProjectFactory(),
        work_date=monday_of(clock.today()),
        status=status,
        **fields,
    )


def test_an_ambassador_sees_this_weeks_state_and_why_it_was_rejected(client, auth):
    from tests.ambassadors.factories import ambassador

    sam = ambassador()
    _week_entry(sam, "approved")
    _week_entry(sam, "rejected", rejection_reason="Wrong project: use the onboarding one.")
    page = _home(client, auth, sam)
    assert "Your CX ambassador time, week of" in page and "Rejected</span>" in page
    assert "Wrong project: use the onboarding one." in page
    assert 'href="/ambassadors/timesheet"' in page or "/ambassadors/timesheet" in page


@pytest.mark.parametrize(
    ("statuses", "shown"),
    [
        ((), "Nothing is logged for this week yet."),
        (("draft", "submitted"), "as a draft"),
        (("submitted", "approved"), "waiting for approval"),
        (("approved",), "h approved."),
    ],
)
def test_the_ambassadors_week_has_one_state(client, auth, statuses, shown):
    from tests.ambassadors.factories import ambassador

    sam = ambassador()
    for status in statuses:
        _week_entry(sam, status)
    assert shown in _home(client, auth, sam)


def test_only_ambassadors_see_the_week_block(client, auth):
    assert "Your CX ambassador time" not in _home(client, auth, PersonFactory())


def test_the_home_page_needs_the_same_queries_for_a_short_or_long_history(
    client, auth, count_queries
):
    from eximpact.extensions import db
    from tests.ambassadors.factories import EnrolmentFactory, ambassador
    from tests.people.conftest import recognised, thanked
    from tests.praise.factories import PraiseFactory
    from tests.recognition.factories import CategoryFactory, NominationFactory

    boss = PersonFactory(roles=["manager", "ambassador"])
    EnrolmentFactory(person=boss)
    auth.login(boss)

    def queries(size):
        # The newest is a thanks, then nominations: both kinds are among the latest shown.
        thanked(PersonFactory(), boss, CategoryFactory(company_value=True), f"Thanks {size}")
        for n in range(size):
            colleague = ambassador(manager=boss)
            praise = [PraiseFactory(employees=[boss])]
            recognised(boss, colleague, minutes_ago=10 + n, praise=praise)
            NominationFactory(nominator=boss, nominee=colleague)
            NominationFactory(nominee=colleague)
            EnrolmentFactory(person=PersonFactory(manager=boss), status="pending")
            _week_entry(boss, "rejected", rejection_reason=f"Reason {n}")
        db.session.commit()
        client.get("/")
        with count_queries() as counter:
            assert client.get("/").status_code == 200
        return counter.count

    assert queries(2) == queries(9)
