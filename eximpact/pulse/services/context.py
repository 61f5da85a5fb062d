"""What the app knows beside the answers: pillar activity reaching a team, recognition facts.

Only for teams whose figures are shown (the caller passes those), so context never
hints at a hidden team.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from eximpact.campaigns.models import COUNTED_STATUSES, Campaign, Initiative, Rollout
from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.services.outreach import on_time_counts_by_team_id
from eximpact.pulse.disclosure import ORGANISATION
from eximpact.pulse.items import ENGAGEMENT_ITEMS
from eximpact.pulse.services.scope import descendants
from eximpact.recognition.models import AWARDED, PUBLIC_STATUSES, Nomination

FACT_WINDOW_DAYS = 90


def _ancestors(parents: dict, team_id) -> set:
    found = set()
    while team_id is not None and team_id not in found:
        found.add(team_id)
        team_id = parents.get(team_id)
    return found


def pillar_activity(round_, nodes: list, parents: dict) -> dict:
    """Per shown team: initiatives of each item's pillar reaching it in the round's campaigns.

    An initiative reaches a team when it rolls out to that team or a team above it,
    or has no audience teams at all (it is for everyone).
    """
    rows = db.session.execute(
        select(Initiative.id, Initiative.pillar, Rollout.team_id)
        .join(Campaign, Campaign.id == Initiative.campaign_id)
        .outerjoin(Rollout, Rollout.initiative_id == Initiative.id)
        .where(
            Initiative.status.in_(COUNTED_STATUSES),
            Campaign.start_date <= round_.closes_on,
            Campaign.end_date >= round_.opens_on,
        )
    ).all()
    initiatives: dict = {}
    for initiative_id, pillar, team_id in rows:
        entry = initiatives.setdefault(initiative_id, (pillar, set()))
        if team_id is not None:
            entry[1].add(team_id)
    activity = {}
    for node in nodes:
        above = set() if node == ORGANISATION else _ancestors(parents, node)
        counts = {}
        for item in ENGAGEMENT_ITEMS:
            counts[item.key] = {
                "pillar": item.pillar,
                "initiatives": sum(
                    1
                    for pillar, teams in initiatives.values()
                    if pillar == item.pillar
                    and (node == ORGANISATION or not teams or teams & above)
                ),
            }
        activity[node] = {"activity": counts}
    return activity


def climate_facts(round_, nodes: list, parents: dict) -> dict:
    """Per shown team, over the 90 days to closing: recognition per head, awards, outreach."""
    end = round_.closes_on
    start = end - timedelta(days=FACT_WINDOW_DAYS)
    since, until = datetime.combine(start, time.min), datetime.combine(end, time.max)
    members = dict(
        db.session.execute(
            select(Person.team_id, func.count()).where(Person.active).group_by(Person.team_id)
        ).all()
    )
    recognised = dict(
        db.session.execute(
            select(Person.team_id, func.count())
            .join(Nomination, Nomination.nominee_id == Person.id)
            .where(
                Nomination.status.in_(PUBLIC_STATUSES),
                Nomination.created_at.between(since, until),
            )
            .group_by(Person.team_id)
        ).all()
    )
    awards = dict(
        db.session.execute(
            select(Person.team_id, func.count())
            .join(Nomination, Nomination.nominee_id == Person.id)
            .where(Nomination.status == AWARDED, Nomination.awarded_at.between(since, until))
            .group_by(Person.team_id)
        ).all()
    )
    outreach = on_time_counts_by_team_id(start, end, on=end)
    facts = {}
    for node in nodes:
        teams = None if node == ORGANISATION else descendants(parents, [node])

        def total(counts, teams=teams):
            return sum(v for k, v in counts.items() if teams is None or k in teams)

        people = total(members)
        shares = [s for team_id, s in outreach.items() if teams is None or team_id in teams]
        due = sum(s.due for s in shares)
        on_time = sum(s.on_time for s in shares)
        facts[node] = {
            "facts": {
                "people": people,
                "recognition": total(recognised),
                "recognition_per_head": round(total(recognised) / people, 2) if people else None,
                "awards": total(awards),
                "outreach_due": due,
                "outreach_on_time_share": round(on_time / due, 4) if due else None,
                "from": start.isoformat(),
                "to": end.isoformat(),
            }
        }
    return facts
