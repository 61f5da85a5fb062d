"""Access rules of the ambassador pages and API (see tests/test_access_matrix.py).

The world's ambassador has an approved enrolment and time on a project; the
manager is their line manager. Employees and admins see none of it.
"""

from datetime import timedelta

from tests.access import SIGNED_IN, r
from tests.ambassadors.factories import (
    TODAY,
    CxProjectFactory,
    EnrolmentFactory,
    TimeEntryFactory,
)

APPROVERS = frozenset({"manager", "hr"})
PROGRAMME = frozenset({"ambassador", "manager", "hr"})
AMBASSADOR = frozenset({"ambassador"})
HR_ONLY = frozenset({"hr"})


def populate(world) -> None:
    ambassador = world.personas["ambassador"]
    project = CxProjectFactory()
    yesterday = TODAY - timedelta(days=1)

    def entry(status, **kwargs):
        return TimeEntryFactory(person=ambassador, project=project, status=status, **kwargs).id

    world.ids.update(
        enrolment=EnrolmentFactory(person=ambassador).id,
        pending_enrolment=EnrolmentFactory(person=world.personas["employee"], status="pending").id,
        project=project.id,
        entry=entry("submitted", work_date=yesterday, submitted_at=world.team.created_at),
        approved_entry=entry("approved", work_date=yesterday - timedelta(days=1)),
        draft_entry=entry("draft", work_date=yesterday - timedelta(days=2)),
        week=(TODAY - timedelta(days=TODAY.weekday())).isoformat(),
    )


ROUTES = {
    # Pages
    "ambassadors.enrolments_list": r(APPROVERS, ("GET", "/ambassadors/enrolments", None)),
    "ambassadors.enrol": r(
        APPROVERS,
        ("GET", "/ambassadors/enrolments/new", None),
        ("POST", "/ambassadors/enrolments/new", None),
    ),
    "ambassadors.enrolment": r(PROGRAMME, ("GET", "/ambassadors/enrolments/{enrolment}", None)),
    "ambassadors.approve_enrolment": r(
        APPROVERS, ("POST", "/ambassadors/enrolments/{pending_enrolment}/approve", None)
    ),
    "ambassadors.decline_enrolment": r(
        APPROVERS, ("POST", "/ambassadors/enrolments/{pending_enrolment}/decline", None)
    ),
    "ambassadors.end_enrolment": r(
        APPROVERS, ("POST", "/ambassadors/enrolments/{enrolment}/end", None)
    ),
    "ambassadors.projects": r(PROGRAMME, ("GET", "/ambassadors/projects", None)),
    "ambassadors.new_project": r(
        HR_ONLY,
        ("GET", "/ambassadors/projects/new", None),
        ("POST", "/ambassadors/projects/new", None),
    ),
    "ambassadors.project": r(PROGRAMME, ("GET", "/ambassadors/projects/{project}", None)),
    "ambassadors.edit_project": r(
        HR_ONLY,
        ("GET", "/ambassadors/projects/{project}/edit", None),
        ("POST", "/ambassadors/projects/{project}/edit", None),
    ),
    "ambassadors.timesheet_week": r(
        AMBASSADOR,
        ("GET", "/ambassadors/timesheet", None),
        ("GET", "/ambassadors/timesheet?week={week}&copy=1", None),
        ("POST", "/ambassadors/timesheet", None),
    ),
    "ambassadors.recall_week": r(AMBASSADOR, ("POST", "/ambassadors/timesheet/recall", None)),
    "ambassadors.entries": r(PROGRAMME, ("GET", "/ambassadors/entries", None)),
    "ambassadors.entry": r(PROGRAMME, ("GET", "/ambassadors/entries/{entry}", None)),
    "ambassadors.reopen_entry": r(
        APPROVERS, ("POST", "/ambassadors/entries/{approved_entry}/reopen", None)
    ),
    "ambassadors.approvals_queue": r(APPROVERS, ("GET", "/ambassadors/approvals", None)),
    "ambassadors.decide": r(APPROVERS, ("POST", "/ambassadors/approvals", None)),
    "ambassadors.hours_report": r(
        APPROVERS,
        ("GET", "/ambassadors/reports", None),
        ("GET", "/ambassadors/reports?group_by=month", None),
    ),
    "ambassadors.hours_csv": r(APPROVERS, ("GET", "/ambassadors/reports/hours.csv", None)),
    "ambassadors.hours_xlsx": r(APPROVERS, ("GET", "/ambassadors/reports/hours.xlsx", None)),
    # API
    "api.list_enrolments": r(SIGNED_IN, ("GET", "/api/v1/ambassadors", None)),
    "api.create_enrolment": r(APPROVERS, ("POST", "/api/v1/ambassadors", None)),
    "api.approve_enrolment": r(
        APPROVERS, ("POST", "/api/v1/ambassadors/{pending_enrolment}/approve", None)
    ),
    "api.decline_enrolment": r(
        APPROVERS, ("POST", "/api/v1/ambassadors/{pending_enrolment}/decline", None)
    ),
    "api.list_cx_projects": r(PROGRAMME, ("GET", "/api/v1/cx-projects", None)),
    "api.create_cx_project": r(HR_ONLY, ("POST", "/api/v1/cx-projects", None)),
    "api.get_cx_project": r(PROGRAMME, ("GET", "/api/v1/cx-projects/{project}", None)),
    "api.update_cx_project": r(HR_ONLY, ("PATCH", "/api/v1/cx-projects/{project}", {})),
    "api.list_time_entries": r(SIGNED_IN, ("GET", "/api/v1/time-entries", None)),
    "api.create_time_entries": r(AMBASSADOR, ("POST", "/api/v1/time-entries", None)),
    "api.get_time_entry": r(PROGRAMME, ("GET", "/api/v1/time-entries/{entry}", None)),
    "api.update_time_entry": r(
        AMBASSADOR, ("PATCH", "/api/v1/time-entries/{draft_entry}", {"note": "matrix"})
    ),
    "api.delete_time_entry": r(AMBASSADOR, ("DELETE", "/api/v1/time-entries/{draft_entry}", None)),
    "api.submit_time_entries": r(AMBASSADOR, ("POST", "/api/v1/time-entries/submit", None)),
    "api.recall_time_entries": r(
        AMBASSADOR, ("POST", "/api/v1/time-entries/recall", {"week": "2026-11-02"})
    ),
    "api.approve_time_entry": r(APPROVERS, ("POST", "/api/v1/time-entries/{entry}/approve", None)),
    "api.reject_time_entry": r(
        APPROVERS, ("POST", "/api/v1/time-entries/{entry}/reject", {"reason": "matrix"})
    ),
    "api.reopen_time_entry": r(
        APPROVERS, ("POST", "/api/v1/time-entries/{approved_entry}/reopen", None)
    ),
    "api.hours_report": r(APPROVERS, ("GET", "/api/v1/reports/hours", None)),
    "api.hours_report_csv": r(APPROVERS, ("GET", "/api/v1/reports/hours.csv", None)),
}
