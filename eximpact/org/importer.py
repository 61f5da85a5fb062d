"""CSV import of teams and people, validated as a whole.

Both files are checked together against the database, so a person may belong to a
team that the teams file creates and a team may be managed by someone the people
file adds. On any bad row nothing is imported and every bad row is reported.
Rows are matched by team name and e-mail (case-insensitively), so importing the
same files again changes nothing. An optional column that is absent leaves that
attribute alone; present but empty clears it. People missing from the file are
left as they are: leaving someone out never deactivates them.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from eximpact import audit
from eximpact.auth.password_links import invite as send_invitations
from eximpact.csvio import CsvFileError, RowError, parse_yes_no, read_rows, split_values
from eximpact.extensions import db
from eximpact.org.changes import PersonChange, deactivate, people_change_problems, reactivate
from eximpact.org.models import EXTRA_ROLES, Person, Team, normalise_email
from eximpact.org.services import email_problem, name_problem

TEAMS_FILE = "teams.csv"
PEOPLE_FILE = "people.csv"
TEAM_COLUMNS = ({"name"}, {"parent", "manager_email"})
PEOPLE_COLUMNS = ({"name", "email"}, {"team", "manager_email", "roles", "active"})


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: {"teams": 0, "people": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"teams": 0, "people": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"teams": 0, "people": 0})
    added_people: list[Person] = field(default_factory=list)
    invited: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        counts = "; ".join(
            f"{kind}: {self.created[kind]} added, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in ("teams", "people")
        )
        if self.invited == 1:
            return f"Import done. {counts}. 1 invitation is queued."
        if self.invited:
            return f"Import done. {counts}. {self.invited} invitations are queued."
        return f"Import done. {counts}."

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


@dataclass
class _TeamRow:
    line: int
    name: str
    parent: str | None  # lower-cased name, None to clear, ... to keep
    manager_email: str | None


@dataclass
class _PersonRow:
    line: int
    name: str
    email: str
    team: object  # lower-cased team name, None to clear, Ellipsis to keep
    manager_email: object
    roles: object
    active: object


class _Validator:
    """Holds the database's view plus the files' rows while checking them together."""

    def __init__(self, actor: Person | None):
        self.actor = actor
        # None is the operator at the command line (`flask org import`, seeds): full rights.
        self.errors: list[RowError] = []
        self.teams_by_name = {team.name.lower(): team for team in db.session.scalars(select(Team))}
        self.people_by_email = {
            person.email: person for person in db.session.scalars(select(Person))
        }
        self.team_rows: dict[str, _TeamRow] = {}
        self.person_rows: dict[str, _PersonRow] = {}

    def error(self, file: str, line: int, message: str) -> None:
        self.errors.append(RowError(file, line, message))

    def read_teams(self, text: str) -> None:
        required, optional = TEAM_COLUMNS
        for line, row in read_rows(text, TEAMS_FILE, required, optional):
            if row is None:
                self.error(TEAMS_FILE, line, "This row has more cells than the header has columns.")
                continue
            name = row["name"]
            if problem := name_problem(name):
                self.error(TEAMS_FILE, line, f"name: {problem}")
                continue
            key = name.lower()
            if key in self.team_rows:
                first = self.team_rows[key].line
                self.error(TEAMS_FILE, line, f"Team '{name}' is already on line {first}.")
                continue
            self.team_rows[key] = _TeamRow(
                line,
                name,
                row["parent"].lower() or None if "parent" in row else ...,
                normalise_email(row["manager_email"]) or None if "manager_email" in row else ...,
            )

    def read_people(self, text: str) -> None:
        required, optional = PEOPLE_COLUMNS
        for line, row in read_rows(text, PEOPLE_FILE, required, optional):
            if row is None:
                self.error(
                    PEOPLE_FILE, line, "This row has more cells than the header has columns."
                )
                continue
            problems = []
            if problem := name_problem(row["name"]):
                problems.append(f"name: {problem}")
            email = normalise_email(row["email"])
            if problem := email_problem(email):
                problems.append(f"email: {problem}")
            elif email in self.person_rows:
                problems.append(
                    f"E-mail {email} is already on line {self.person_rows[email].line}."
                )
            roles = ...
            if "roles" in row:
                roles = {role.lower() for role in split_values(row["roles"])} - {"employee"}
                unknown = roles - set(EXTRA_ROLES)
                if unknown:
                    problems.append(
                        f"roles: unknown role(s) {', '.join(sorted(unknown))}; "
                        f"use {', '.join(EXTRA_ROLES)} separated by '|'."
                    )
            active = ...
            if "active" in row:
                active = parse_yes_no(row["active"])
                if active is None:
                    problems.append(f"active: '{row['active']}' is not yes or no.")
            if problems:
                for problem in problems:
                    self.error(PEOPLE_FILE, line, problem)
                continue
            self.person_rows[email] = _PersonRow(
                line,
                row["name"],
                email,
                row["team"].lower() or None if "team" in row else ...,
                normalise_email(row["manager_email"]) or None if "manager_email" in row else ...,
                roles,
                active,
            )

    # -- cross-row checks ------------------------------------------------------------------

    def _team_known(self, key: str) -> bool:
        existing = self.teams_by_name.get(key)
        return key in self.team_rows or (existing is not None and existing.active)

    def _person_active_after(self, email: str) -> bool | None:
        """Whether `email` is an active person once the import is applied (None: unknown)."""
        row = self.person_rows.get(email)
        existing = self.people_by_email.get(email)
        if row is not None:
            if row.active is not ...:
                return row.active
            return existing.active if existing is not None else True
        return existing.active if existing is not None else None

    def check_references(self) -> None:
        for row in self.team_rows.values():
            if row.parent not in (None, ...):
                if row.parent == row.name.lower():
                    self.error(TEAMS_FILE, row.line, "parent: a team cannot sit under itself.")
                elif not self._team_known(row.parent):
                    self.error(TEAMS_FILE, row.line, f"parent: no team called '{row.parent}'.")
            if row.manager_email not in (None, ...):
                active = self._person_active_after(row.manager_email)
                if active is None:
                    self.error(
                        TEAMS_FILE,
                        row.line,
                        f"manager_email: nobody has the e-mail {row.manager_email}.",
                    )
                elif not active:
                    self.error(
                        TEAMS_FILE, row.line, f"manager_email: {row.manager_email} is deactivated."
                    )
        for row in self.person_rows.values():
            if row.team not in (None, ...) and not self._team_known(row.team):
                self.error(PEOPLE_FILE, row.line, f"team: no team called '{row.team}'.")
            if row.manager_email not in (None, ...):
                active = self._person_active_after(row.manager_email)
                if row.manager_email == row.email:
                    self.error(
                        PEOPLE_FILE,
                        row.line,
                        "manager_email: a person cannot be their own manager.",
                    )
                elif active is None:
                    self.error(
                        PEOPLE_FILE,
                        row.line,
                        f"manager_email: nobody has the e-mail {row.manager_email}.",
                    )
                elif not active:
                    self.error(
                        PEOPLE_FILE, row.line, f"manager_email: {row.manager_email} is deactivated."
                    )
        self._check_people_rules()
        self._check_loops()

    def _check_people_rules(self) -> None:
        """The page's rules on who may change whom, checked for all rows at once."""
        changes = [
            PersonChange(
                self.people_by_email.get(row.email),
                roles=None if row.roles is ... else set(row.roles),
                active=None if row.active is ... else row.active,
                label=row.line,
            )
            for row in self.person_rows.values()
        ]
        for change, field_name, problem in people_change_problems(self.actor, changes):
            self.error(PEOPLE_FILE, change.label, f"{field_name}: {problem}")

    def _check_loops(self) -> None:
        """No chain of managers and no chain of parent teams may come back to where it started."""
        managers = {
            email: (p.manager.email if p.manager else None)
            for email, p in self.people_by_email.items()
        }
        for email, row in self.person_rows.items():
            if row.manager_email is not ...:
                managers[email] = row.manager_email
        for email, row in self.person_rows.items():
            if _loops(email, managers):
                self.error(
                    PEOPLE_FILE,
                    row.line,
                    "manager_email: this makes a loop of people managing each other.",
                )
        parents = {
            key: (t.parent.name.lower() if t.parent else None)
            for key, t in self.teams_by_name.items()
        }
        for key, row in self.team_rows.items():
            if row.parent is not ...:
                parents[key] = row.parent
        for key, row in self.team_rows.items():
            if row.parent not in (None, ...) and row.parent != key and _loops(key, parents):
                self.error(TEAMS_FILE, row.line, "parent: this makes a loop of teams.")


def _loops(start: str, parent_of: dict[str, str | None]) -> bool:
    seen = {start}
    current = parent_of.get(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parent_of.get(current)
    return False


def import_org(
    actor: Person | None,
    teams_csv: str | None = None,
    people_csv: str | None = None,
    *,
    invite: bool = False,
) -> ImportResult:
    """Validate both files together; apply them only if every row is good (the caller commits).

    With `invite`, each active person the import adds is sent an invitation (`invite`).
    """
    result = ImportResult()
    validator = _Validator(actor)
    unreadable = False
    for text, reader in ((teams_csv, validator.read_teams), (people_csv, validator.read_people)):
        if text is None:
            continue
        try:
            reader(text)
        except CsvFileError as error:
            validator.errors.append(error.error)
            unreadable = True
    if not unreadable:
        validator.check_references()  # on the rows that parsed, so every bad row shows at once
    if validator.errors:
        result.errors = sorted(validator.errors, key=lambda e: (e.file != TEAMS_FILE, e.line))
        return result
    _apply(validator, result, actor)
    if result.changed:
        audit.record(
            "organisation", 0, "csv_import", actor, created=result.created, updated=result.updated
        )
    if invite:
        result.invited = send_invitations(result.added_people, actor)
    return result


def _apply(v: _Validator, result: ImportResult, actor: Person | None) -> None:
    """Upsert teams, then people, then the links between them (managers, parents).

    Deactivation and reactivation go through the same operations as the page; each
    person created or changed gets an audit entry naming what changed.
    """
    teams, people = v.teams_by_name, v.people_by_email
    created: set[tuple[str, str]] = set()
    changed: set[tuple[str, str]] = set()
    changed_fields: dict[str, set[str]] = {}

    def assign(target, attr: str, value, key: tuple[str, str]) -> None:
        if getattr(target, attr) != value:
            setattr(target, attr, value)
            changed.add(key)
            if key[0] == "people":
                changed_fields.setdefault(key[1], set()).add(attr)

    for key, row in v.team_rows.items():
        if key not in teams:
            teams[key] = Team(name=row.name)
            db.session.add(teams[key])
            created.add(("teams", key))
        assign(teams[key], "name", row.name, ("teams", key))

    for email, row in v.person_rows.items():
        key = ("people", email)
        if email not in people:
            people[email] = Person(email=email, name=row.name)
            db.session.add(people[email])
            created.add(key)
        person = people[email]
        assign(person, "name", row.name, key)
        if row.team is not ...:
            assign(person, "team", teams[row.team] if row.team else None, key)
        if row.roles is not ... and set(person.extra_roles) != row.roles:
            before = person.extra_roles
            person.set_roles(row.roles)
            changed.add(key)
            changed_fields.setdefault(email, set()).add("roles")
            if key not in created:
                db.session.flush()
                audit.record(
                    "person",
                    person.id,
                    "roles_changed",
                    actor,
                    before=before,
                    after=sorted(row.roles),
                )
        if row.active is not ... and person.active != row.active and key not in created:
            db.session.flush()
            (reactivate if row.active else deactivate)(actor, person, checked=True)
            changed.add(key)
            changed_fields.setdefault(email, set()).add("active")
        elif row.active is not ... and key in created:
            person.active = row.active
    db.session.flush()

    for email, row in v.person_rows.items():
        if row.manager_email is not ...:
            manager = people[row.manager_email] if row.manager_email else None
            assign(people[email], "manager", manager, ("people", email))
    for key, row in v.team_rows.items():
        team = teams[key]
        if row.parent is not ...:
            assign(team, "parent", teams[row.parent] if row.parent else None, ("teams", key))
        if row.manager_email is not ...:
            manager = people[row.manager_email] if row.manager_email else None
            assign(team, "manager", manager, ("teams", key))
    db.session.flush()

    for email in sorted(
        changed_fields.keys() | {name for kind, name in created if kind == "people"}
    ):
        action = "created" if ("people", email) in created else "updated"
        fields = sorted(changed_fields.get(email, ()))
        audit.record("person", people[email].id, action, actor, via="csv_import", fields=fields)

    result.added_people = [people[name] for kind, name in sorted(created) if kind == "people"]
    totals = {"teams": len(v.team_rows), "people": len(v.person_rows)}
    for kind, total in totals.items():
        result.created[kind] = sum(1 for k, _ in created if k == kind)
        result.updated[kind] = sum(1 for k, name in changed - created if k == kind)
        result.unchanged[kind] = total - result.created[kind] - result.updated[kind]
