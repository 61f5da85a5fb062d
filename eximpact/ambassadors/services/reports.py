"""Hours reports: grouped in SQL, scoped to who is asking, and the entries behind them.

HR sees everyone; a manager sees their direct reports and the teams they manage,
sub-teams included. Every figure is a GROUP BY in the database, so a page costs the
same few queries with ten entries or ten million.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import String, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased, lazyload
from sqlalchemy.sql.functions import FunctionElement

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
from eximpact.csvio import csv_column
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


class year_month(FunctionElement):
    """`YYYY-MM` of a date column, as text, on SQLite and PostgreSQL alike."""

    type = String()
    name = "year_month"
    inherit_cache = True


@compiles(year_month, "sqlite")
def _year_month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


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


def _grouping(group_by: str, source):
    """(key column, label column, joins) of a grouping over the hours source."""
    if group_by == "project":
        return CxProject.id, CxProject.name, [CxProject]
    if group_by == "person":
        return Person.id, Person.name, [Person]
    if group_by == "team":
        return Team.id, func.coalesce(Team.name, literal("No team")), [Person, Team]
    if group_by == "pillar":
        return Initiative.pillar, Initiative.pillar, [CxProject, Initiative]
    if group_by == "month":
        month = year_month(source.c.month)
        return month, month, []
    raise ValueError(f"unknown grouping {group_by!r}")


def _joins(source) -> dict:
    return {
        CxProject: (CxProject, CxProject.id == source.c.project_id, False),
        Initiative: (Initiative, Initiative.id == CxProject.initiative_id, False),
        Person: (Person, Person.id == source.c.person_id, False),
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


def hours_by(actor: Person, hours_filter: HoursFilter, group_by: str) -> HoursReport:
    """Hours per project, person, team, pillar or month, in one grouped query over the
    monthly rollup (whole months) and the entries of the days at the period's edges."""
    source = month_hours(hours_filter.start, hours_filter.end)
    key, label, joins = _grouping(group_by, source)
    hours = func.sum(source.c.hours)
    approved = func.coalesce(func.sum(source.c.hours).filter(source.c.status == APPROVED), 0)
    query = select(key, label, hours, approved).select_from(source)
    on = _joins(source)
    for model in joins:
        target, condition, outer = on[model]
        query = query.join(target, condition, isouter=outer)
    query = query.where(*source_conditions(actor, hours_filter, source)).group_by(key, label)
    query = query.order_by(key) if group_by == "month" else query.order_by(hours.desc(), label)
    rows = [
        ReportRow(k, _label(group_by, k, text), h, a) for k, text, h, a in db.session.execute(query)
    ]
    return HoursReport(group_by, rows)


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
    """The weekly allocation spread over the days of start..end the enrolment covers."""
    first = max(start, enrolment.start_date)
    last = min(end, enrolment.end_date or end)
    days = (last - first).days + 1
    if days <= 0:
        return Decimal(0)
    return (enrolment.allocation_hours_per_week * days / 7).quantize(Decimal("0.01"))


def allocation_use(actor: Person, hours_filter: HoursFilter, today: date) -> list[AllocationUse]:
    """Per ambassador: hours agreed over the period (up to today) against hours logged."""
    end = min(hours_filter.end, today)
    enrolments = select(Enrolment).where(
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
    for enrolment in db.session.scalars(enrolments):
        agreed[enrolment.person_id] = agreed.get(enrolment.person_id, Decimal(0)) + agreed_hours(
            enrolment, hours_filter.start, end
        )
    used = {row.key: row.hours for row in hours_by(actor, hours_filter, "person").rows}
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


# -- the entries behind a report -----------------------------------------------------------

EXPORT_COLUMNS = (
    "entry_id",
    "date",
    "week_start",
    "person_id",
    "person",
    "email",
    "team",
    "project_id",
    "project",
    "initiative",
    "pillar",
    "hours",
    "status",
    "note",
    "rejection_reason",
    "submitted_at",
    "decided_at",
    "decided_by",
)


def export_query(actor: Person, hours_filter: HoursFilter, as_text: bool = False):
    """One row per entry, in the order people read them: day, person, project.

    `as_text`: every value already the CSV's text, made by the database (`csv_column`).
    """
    decider = aliased(Person)
    columns = [
        TimeEntry.id,
        TimeEntry.work_date,
        TimeEntry.week_start,
        TimeEntry.person_id,
        Person.name,
        Person.email,
        Team.name,
        TimeEntry.project_id,
        CxProject.name,
        Initiative.title,
        Initiative.pillar,
        TimeEntry.hours,
        TimeEntry.status,
        TimeEntry.note,
        TimeEntry.rejection_reason,
        TimeEntry.submitted_at,
        TimeEntry.decided_at,
        decider.name,
    ]
    if as_text:
        columns = [
            csv_column(column).label(name)
            for column, name in zip(columns, EXPORT_COLUMNS, strict=True)
        ]
    return (
        select(*columns)
        .select_from(TimeEntry)
        .join(Person, Person.id == TimeEntry.person_id)
        .outerjoin(Team, Team.id == Person.team_id)
        .join(CxProject, CxProject.id == TimeEntry.project_id)
        .join(Initiative, Initiative.id == CxProject.initiative_id)
        .outerjoin(decider, decider.id == TimeEntry.decided_by_id)
        .where(*conditions(actor, hours_filter))
        .order_by(TimeEntry.work_date, Person.name, CxProject.name, TimeEntry.id)
    )


def export_rows(actor: Person, hours_filter: HoursFilter, batch: int = 1000):
    """The entries as tuples, fetched `batch` at a time (a server-side cursor on PostgreSQL)."""
    result = db.session.execute(
        export_query(actor, hours_filter).execution_options(yield_per=batch)
    )
    yield from result


def export_text_batches(actor: Person, hours_filter: HoursFilter, batch: int = 1000):
    """The entries as CSV text, `batch` rows at a time, straight from one query's cursor
    (server-side on PostgreSQL): no ORM object, nothing converted in Python."""
    query = export_query(actor, hours_filter, as_text=True).execution_options(yield_per=batch)
    yield from db.session.connection().execute(query).partitions()
