"""Hours reports: grouped in SQL and scoped to who is asking (the entries behind them: exports.py).

HR sees everyone; a manager sees their direct reports and the teams they manage,
sub-teams included. Every figure is a GROUP BY in the database, so a page costs the
same few queries with ten entries or ten million.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, literal, select
from sqlalchemy.orm import lazyload

from eximpact.ambassadors.models import (
    APPROVED,
    ENROLMENT_APPROVED,
    ENTRY_STATUSES,
    CxProject,
    Enrolment,
    TimeEntry,
)
from eximpact.ambassadors.services.projects import hours_used
from eximpact.ambassadors.services.rollup import month_hours
from eximpact.ambassadors.services.scope import visible_person_ids
from eximpact.campaigns.models import PILLAR_LABELS, Initiative
from eximpact.extensions import db
from eximpact.org.models import Person, Team
from eximpact.org.services import subtree_team_ids
from eximpact.validation import Problems, whole_number

GROUPINGS = ("project", "person", "team", "pillar", "month")
GROUPING_LABELS = {
    "project": "CX project",
    "person": "Ambassador",
    "team": "Team",
    "pillar": "Pillar",
    "month": "Month",
}
GROUPING_NOUNS = {  # "Hours by …"
    "project": "CX project",
    "person": "ambassador",
    "team": "team",
    "pillar": "pillar",
    "month": "month",
}


@dataclass(frozen=True)
class HoursFilter:
    """Which entries a report covers: a period, and optionally a state, team, project or person."""

    start: date
    end: date
    status: str | None = None
    team_id: int | None = None
    project_id: int | None = None
    person_id: int | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def default_period(today: date) -> tuple[date, date]:
    """The year so far: what HR usually reports on."""
    return date(today.year, 1, 1), today


FILTER_ID_ARGS = ("team_id", "project_id", "person_id")


def parse_hours_filter(args: Mapping[str, str], today: date) -> tuple[HoursFilter, str]:
    """The filter and grouping from a query string, read alike by the page and the API.

    `from` defaults to 1 January and `to` to today; a reversed period, an unknown state
    or grouping and a malformed date or id are each named in one ValidationFailed.
    """
    problems = Problems()
    start, end = default_period(today)
    dates = {}
    for name, default in (("from", start), ("to", end)):
        raw = args.get(name) or ""
        try:
            dates[name] = date.fromisoformat(raw) if raw else default
        except ValueError:
            problems.add(name, "Must be a date written YYYY-MM-DD.")
            dates[name] = default
    if dates["to"] < dates["from"] and not problems:
        problems.add("to", "The end cannot be before the start.")
    status = args.get("status") or None
    if status is not None and status not in ENTRY_STATUSES:
        problems.add("status", f"Use one of: {', '.join(ENTRY_STATUSES)}.")
    group_by = args.get("group_by") or "project"
    if group_by not in GROUPINGS:
        problems.add("group_by", f"Use one of: {', '.join(GROUPINGS)}.")
    ids: dict[str, int | None] = {}
    for name in FILTER_ID_ARGS:
        raw = args.get(name) or ""
        ids[name] = whole_number(raw) if raw else None
        if raw and ids[name] is None:
            problems.add(name, "Must be a whole number.")
    problems.raise_if_any("Some filters need your attention.")
    return HoursFilter(dates["from"], dates["to"], status=status, **ids), group_by


def conditions(actor: Person, hours_filter: HoursFilter) -> list:
    """WHERE clauses on TimeEntry for the filter, within what `actor` may see."""
    where = [TimeEntry.work_date.between(hours_filter.start, hours_filter.end)]
    if (visible := visible_person_ids(actor)) is not None:
        where.append(TimeEntry.person_id.in_(visible))
    if hours_filter.status:
        where.append(TimeEntry.status == hours_filter.status)
    if hours_filter.project_id is not None:
        where.append(TimeEntry.project_id == hours_filter.project_id)
    if hours_filter.person_id is not None:
        where.append(TimeEntry.person_id == hours_filter.person_id)
    if hours_filter.team_id is not None:
        teams = subtree_team_ids(hours_filter.team_id)
        where.append(TimeEntry.person_id.in_(select(Person.id).where(Person.team_id.in_(teams))))
    return where


@dataclass(frozen=True)
class ReportRow:
    key: int | str | None
    label: str
    hours: Decimal
    approved: Decimal


@dataclass(frozen=True)
class HoursReport:
    group_by: str
    rows: list[ReportRow]

    @property
    def total(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal(0))

    @property
    def approved(self) -> Decimal:
        return sum((row.approved for row in self.rows), Decimal(0))


# Each grouping first sums the source by one of its columns, then joins the few rows left.
SUMMED_BY = {
    "project": "project_id",
    "pillar": "project_id",
    "person": "person_id",
    "team": "person_id",
    "month": "month",
}


def _grouping(group_by: str, sums):
    """(key column, label column, joins) of a grouping over the summed rows."""
    if group_by == "project":
        return CxProject.id, CxProject.name, [CxProject]
    if group_by == "person":
        return Person.id, Person.name, [Person]
    if group_by == "team":
        return Team.id, func.coalesce(Team.name, literal("No team")), [Person, Team]
    if group_by == "pillar":
        return Initiative.pillar, Initiative.pillar, [CxProject, Initiative]
    if group_by == "month":
        return sums.c.summed_by, sums.c.summed_by, []
    raise ValueError(f"unknown grouping {group_by!r}")


def _joins(sums) -> dict:
    return {
        CxProject: (CxProject, CxProject.id == sums.c.summed_by, False),
        Initiative: (Initiative, Initiative.id == CxProject.initiative_id, False),
        Person: (Person, Person.id == sums.c.summed_by, False),
        Team: (Team, Team.id == Person.team_id, True),
    }


def source_conditions(actor: Person, hours_filter: HoursFilter, source) -> list:
    """`conditions` but the period, on the rollup source (`rollup.month_hours`)."""
    where = []
    if (visible := visible_person_ids(actor)) is not None:
        where.append(source.c.person_id.in_(visible))
    if hours_filter.status:
        where.append(source.c.status == hours_filter.status)
    if hours_filter.project_id is not None:
        where.append(source.c.project_id == hours_filter.project_id)
    if hours_filter.person_id is not None:
        where.append(source.c.person_id == hours_filter.person_id)
    if hours_filter.team_id is not None:
        teams = subtree_team_ids(hours_filter.team_id)
        where.append(source.c.person_id.in_(select(Person.id).where(Person.team_id.in_(teams))))
    return where


def _sums(actor: Person, hours_filter: HoursFilter, by: str):
    """The period's hours and approved hours summed by one column of the source."""
    source = month_hours(hours_filter.start, hours_filter.end)
    column = source.c[by]
    approved = func.sum(source.c.hours).filter(source.c.status == APPROVED)
    return (
        select(
            column.label("summed_by"),
            func.sum(source.c.hours).label("hours"),
            func.coalesce(approved, 0).label("approved"),
        )
        .where(*source_conditions(actor, hours_filter, source))
        .group_by(column)
        .subquery("hours_summed")
    )


def hours_by(actor: Person, hours_filter: HoursFilter, group_by: str) -> HoursReport:
    """Hours per project, person, team, pillar or month, in one query over the monthly
    rollup (whole months) and the entries of the days at the period's edges.

    The rows are summed by project, person or month first and only then joined to names
    (and summed again by team or pillar): the joins touch a few hundred rows, not every
    rollup row, and no SQL function runs per row.
    """
    sums = _sums(actor, hours_filter, SUMMED_BY[group_by])
    key, label, joins = _grouping(group_by, sums)
    hours = func.sum(sums.c.hours)
    query = select(key, label, hours, func.sum(sums.c.approved)).select_from(sums)
    on = _joins(sums)
    for model in joins:
        target, condition, outer = on[model]
        query = query.join(target, condition, isouter=outer)
    query = query.group_by(key, label)
    query = query.order_by(key) if group_by == "month" else query.order_by(hours.desc(), label)
    rows = []
    for k, text, h, a in db.session.execute(query):
        if group_by == "month":  # the first day of the month, keyed `YYYY-MM`
            k = text = _first_day(k).isoformat()[:7]
        rows.append(ReportRow(k, _label(group_by, k, text), h, a))
    return HoursReport(group_by, rows)


def hours_per_person(actor: Person, hours_filter: HoursFilter) -> dict[int, Decimal]:
    """Person id → hours in the period, in every state (no names joined)."""
    sums = _sums(actor, hours_filter, "person_id")
    return dict(db.session.execute(select(sums.c.summed_by, sums.c.hours)).all())


def _first_day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _label(group_by: str, key, text) -> str:
    if group_by == "pillar":
        return PILLAR_LABELS.get(key, key)
    if group_by == "month":
        return date.fromisoformat(f"{key}-01").strftime("%b %Y")
    return text


@dataclass(frozen=True)
class AllocationUse:
    person: Person
    agreed: Decimal
    used: Decimal

    @property
    def share(self) -> float:
        return float(self.used / self.agreed * 100) if self.agreed else 0.0


def agreed_hours(enrolment: Enrolment, start: date, end: date) -> Decimal:
    """The weekly allocation spread over the days of start..end the enrolment covers
    (an Enrolment, or a row of its allocation_hours_per_week, start_date and end_date)."""
    first = max(start, enrolment.start_date)
    last = min(end, enrolment.end_date or end)
    days = (last - first).days + 1
    if days <= 0:
        return Decimal(0)
    return (enrolment.allocation_hours_per_week * days / 7).quantize(Decimal("0.01"))


def allocation_use(actor: Person, hours_filter: HoursFilter, today: date) -> list[AllocationUse]:
    """Per ambassador: hours agreed over the period (up to today) against hours logged."""
    end = min(hours_filter.end, today)
    enrolments = select(
        Enrolment.person_id,
        Enrolment.allocation_hours_per_week,
        Enrolment.start_date,
        Enrolment.end_date,
    ).where(
        Enrolment.status == ENROLMENT_APPROVED,
        Enrolment.start_date <= end,
        (Enrolment.end_date.is_(None)) | (Enrolment.end_date >= hours_filter.start),
    )
    if (visible := visible_person_ids(actor)) is not None:
        enrolments = enrolments.where(Enrolment.person_id.in_(visible))
    if hours_filter.person_id is not None:
        enrolments = enrolments.where(Enrolment.person_id == hours_filter.person_id)
    if hours_filter.team_id is not None:
        teams = subtree_team_ids(hours_filter.team_id)
        enrolments = enrolments.where(
            Enrolment.person_id.in_(select(Person.id).where(Person.team_id.in_(teams)))
        )
    agreed: dict[int, Decimal] = {}
    for enrolment in db.session.execute(enrolments):
        agreed[enrolment.person_id] = agreed.get(enrolment.person_id, Decimal(0)) + agreed_hours(
            enrolment, hours_filter.start, end
        )
    used = hours_per_person(actor, hours_filter)
    ids = set(agreed) | set(used)
    people = (
        {
            p.id: p
            for p in db.session.scalars(
                select(Person).options(lazyload(Person.role_rows)).where(Person.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    rows = [
        AllocationUse(people[pid], agreed.get(pid, Decimal(0)), used.get(pid, Decimal(0)))
        for pid in ids
    ]
    return sorted(rows, key=lambda row: (-row.share, row.person.name))


@dataclass(frozen=True)
class BudgetUse:
    project: CxProject
    period_hours: Decimal
    used: Decimal

    @property
    def share(self) -> float:
        budget = self.project.hours_budget
        return float(self.used / budget * 100) if budget else 0.0


def budget_use(
    actor: Person, hours_filter: HoursFilter, by_project: HoursReport | None = None
) -> list[BudgetUse]:
    """Per project with time in the period: those hours, all hours so far, and the budget.

    Pass the period's report by project if it is at hand, to save its query.
    """
    by_project = by_project or hours_by(actor, hours_filter, "project")
    period = {row.key: row.hours for row in by_project.rows}
    if not period:
        return []
    projects = db.session.scalars(select(CxProject).where(CxProject.id.in_(period)))
    used = hours_used(period)
    rows = [BudgetUse(p, period[p.id], used.get(p.id, Decimal(0))) for p in projects]
    return sorted(rows, key=lambda row: (-row.share, row.project.name.lower()))
