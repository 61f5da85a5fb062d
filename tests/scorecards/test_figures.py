"""Every scorecard figure against sums worked out by hand on a small organisation."""

from datetime import date, datetime
from decimal import Decimal

from eximpact.ambassadors.models import APPROVED
from eximpact.ambassadors.services.reports import HoursFilter, hours_by
from eximpact.extensions import db
from eximpact.periods import parse_period
from eximpact.scorecards.services.scorecard import ScorecardQuery, scorecard
from tests.ambassadors.factories import CampaignFactory, InitiativeFactory, TimeEntryFactory
from tests.praise.factories import PraiseFactory
from tests.recognition.factories import AwardCycleFactory, CategoryFactory, NominationFactory
from tests.scorecards.factories import care_org

JANUARY = parse_period("2026-01")


def _rows(viewer, key="2026-01"):
    data = scorecard(viewer, ScorecardQuery(parse_period(key), None))
    return {row["team_id"]: row for row in data["teams"]}


def test_approved_hours_count_only_approved_time_in_the_period_by_current_team(app):
    """Approved hours: a rejected entry is left out, a week across two months splits at the
    month's end, and a person who moved team counts in the team they are in now."""
    org = care_org()
    alice, bob = org.north_people[0], org.north_people[1]
    sam = org.south_people[0]
    TimeEntryFactory(
        person=alice, work_date=date(2026, 1, 30), hours=Decimal("2.5"), status=APPROVED
    )
    TimeEntryFactory(person=alice, work_date=date(2026, 1, 31), hours=Decimal("1"), status=APPROVED)
    TimeEntryFactory(person=alice, work_date=date(2026, 2, 1), hours=Decimal("4"), status=APPROVED)
    TimeEntryFactory(person=bob, work_date=date(2026, 1, 15), hours=Decimal("3"), status="rejected")
    TimeEntryFactory(person=sam, work_date=date(2026, 1, 10), hours=Decimal("5"), status=APPROVED)
    TimeEntryFactory(person=sam, work_date=date(2025, 12, 10), hours=Decimal("1"), status=APPROVED)
    sam.team = org.north  # moved after logging: counts in North now, as in the hours report
    db.session.flush()

    rows = _rows(org.hr)
    hours = {team: row["internal"]["ambassador_hours"] for team, row in rows.items()}
    assert hours[org.north.id] == {"value": 8.5, "previous": 1.0, "change": 7.5}
    assert hours[org.south.id]["value"] == 0
    assert hours[org.care.id]["value"] == 8.5  # the parent row is its subtree
    assert rows[org.north.id]["people"] == 4
    assert rows[org.north.id]["internal"]["ambassador_hours_per_head"]["value"] == 2.12
    for team in (org.north, org.south, org.care):
        report = hours_by(
            org.hr,
            HoursFilter(JANUARY.start, JANUARY.end, status=APPROVED, team_id=team.id),
            "team",
        )
        assert float(report.total) == hours[team.id]["value"]


def test_nominations_count_recognised_ones_and_awards_by_award_date(app):
    """Given and received count approved and awarded nominations made in the period; a
    declined one and a pending one do not; awards count by the day they were awarded."""
    org = care_org()
    alice, bob, carl = org.north_people
    sam = org.south_people[0]
    cycle, category = AwardCycleFactory(), CategoryFactory()
    at = datetime(2026, 1, 10, 12)

    def nominate(nominator, nominee, status, **fields):
        NominationFactory(
            cycle=cycle,
            category=category,
            nominator=nominator,
            nominee=nominee,
            status=status,
            created_at=at,
            **fields,
        )

    nominate(alice, sam, "approved")
    nominate(bob, sam, "declined")
    nominate(carl, sam, "submitted")
    nominate(sam, alice, "awarded", awarded_at=datetime(2026, 1, 20, 9))
    nominate(alice, bob, "awarded", awarded_at=datetime(2026, 2, 2, 9))
    db.session.flush()

    rows = _rows(org.hr)
    north, south = rows[org.north.id]["internal"], rows[org.south.id]["internal"]
    assert north["nominations_given"]["value"] == 2  # alice → sam, alice → bob
    assert north["nominations_received"]["value"] == 2  # sam → alice, alice → bob
    assert south["nominations_given"]["value"] == 1
    assert south["nominations_received"]["value"] == 1  # only the approved one
    assert north["awards"]["value"] == 1  # bob's award fell in February
    assert south["nominations_received_per_head"]["value"] == 0.5
    assert rows[org.care.id]["internal"]["nominations_given"]["value"] == 3


def test_praise_counts_each_praise_once_per_subtree_with_engagement_and_nps(app):
    """Praise naming two people of one subtree counts once there; engagement is the mean
    level (with its words) and praise NPS is % 9–10 minus % 0–6 of the rated praise."""
    org = care_org()
    alice, bob, _ = org.north_people
    sam = org.south_people[0]
    day = date(2026, 1, 12)
    PraiseFactory(employees=[alice, bob], received_at=day, engagement_level=5, nps=10)
    PraiseFactory(employees=[alice, sam], received_at=day, engagement_level=4, nps=6)
    PraiseFactory(employees=[sam], received_at=day, nps=9)
    PraiseFactory(employees=[bob], received_at=date(2026, 2, 1), engagement_level=1)
    db.session.flush()

    rows = _rows(org.hr)
    north, south, care = (rows[t.id]["external"] for t in (org.north, org.south, org.care))
    assert north["praise"]["value"] == 2
    assert south["praise"]["value"] == 2
    assert care["praise"]["value"] == 3  # the shared praise once
    assert north["praise_per_10"]["value"] == round(2 * 10 / 3, 2)
    assert north["customer_engagement"]["value"] == 4.5
    assert north["customer_engagement"]["words"] == "completely engaged"
    assert north["praise_nps"]["value"] == 0  # one promoter, one detractor
    assert south["praise_nps"]["value"] == 0
    assert care["praise_nps"]["value"] == round(100 * (2 - 1) / 3)
    assert care["customer_engagement"]["value"] == 4.5


def test_rollouts_done_share_counts_rollouts_of_counted_initiatives_running_then(app):
    """Share of rollouts done: counted initiatives overlapping the period; drafts left out."""
    org = care_org()
    campaign = CampaignFactory()
    running = InitiativeFactory(
        campaign=campaign,
        status="in_progress",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 3, 31),
    )
    draft = InitiativeFactory(
        campaign=campaign, status="draft", start_date=date(2026, 1, 1), end_date=date(2026, 3, 31)
    )
    from eximpact.campaigns.models import Rollout

    db.session.add_all(
        [
            Rollout(initiative=running, team=org.north, status="done"),
            Rollout(initiative=running, team=org.south, status="in_progress"),
            Rollout(initiative=draft, team=org.north, status="not_started"),
        ]
    )
    db.session.flush()
    rows = _rows(org.hr)
    assert rows[org.north.id]["internal"]["rollouts_done_share"]["value"] == 1.0
    assert rows[org.south.id]["internal"]["rollouts_done_share"]["value"] == 0.0
    assert rows[org.care.id]["internal"]["rollouts_done_share"]["value"] == 0.5


def test_a_manager_sees_the_teams_they_manage_and_below_only(app):
    """A manager's scorecard lists their team and its sub-teams, nothing else."""
    org = care_org()
    from tests.factories import TeamFactory

    other = TeamFactory(name="Sales")
    db.session.flush()
    assert set(_rows(org.head)) == {org.care.id, org.north.id, org.south.id}
    assert other.id in _rows(org.hr)
