"""`/ambassadors`: enrolments with their weekly allocation, and their approval."""

from datetime import date

from flask import g

from eximpact.access import require
from eximpact.ambassadors import permissions  # noqa: F401  (registers the rules)
from eximpact.ambassadors.loaders import get_enrolment_or_404
from eximpact.ambassadors.models import ENROLMENT_STATUSES, Enrolment
from eximpact.ambassadors.services import enrolments
from eximpact.api.declare import operation, page_of
from eximpact.api.schema import ApiModel, Day, Id, Moment, OptionalDay, QueryId, decimal, one_of
from eximpact.clock import today
from eximpact.extensions import db
from eximpact.org.models import Person


class EnrolmentIn(ApiModel):
    """Give the allocation in hours per week or as a share of the working week, not both."""

    person_id: Id
    allocation_hours_per_week: decimal(2, below=1000) = None
    allocation_percent: decimal(2, maximum=100) = None
    start_date: Day
    end_date: OptionalDay = None


class EnrolmentOut(ApiModel):
    id: int
    person_id: int
    person_name: str
    allocation_hours_per_week: float
    allocation_percent: float | None
    start_date: date
    end_date: date | None
    status: one_of(ENROLMENT_STATUSES)
    requested_by_id: int | None
    decided_by_id: int | None
    decided_at: Moment
    created_at: Moment


class EnrolmentFilters(ApiModel):
    status: one_of(ENROLMENT_STATUSES) = None
    person_id: QueryId = None


def enrolment_json(enrolment: Enrolment) -> dict:
    return {
        **{name: getattr(enrolment, name, None) for name in EnrolmentOut.model_fields},
        "person_name": enrolment.person.name,
    }


@operation(
    "GET",
    "/ambassadors",
    tag="ambassadors",
    query=EnrolmentFilters,
    response=EnrolmentOut,
    listing=True,
)
def list_enrolments(query: EnrolmentFilters):
    """Ambassador enrolments you may see: HR all, managers their people's, others their own."""
    select_ = enrolments.enrolments_query(g.api_user, query.status, query.person_id)
    return page_of(select_, lambda items: [enrolment_json(item) for item in items])


@operation(
    "POST",
    "/ambassadors",
    tag="ambassadors",
    permission="ambassadors.enrol",
    body=EnrolmentIn,
    response=EnrolmentOut,
    status=201,
    errors=(409,),
)
def create_enrolment(body: EnrolmentIn):
    """Enrol a person as CX ambassador (HR, or a manager for a report); approval follows."""
    person = db.session.get(Person, body.person_id)
    if person is not None:
        require("ambassadors.enrol_person", person)
    enrolment = enrolments.enrol(
        g.api_user,
        person,
        start_date=body.start_date,
        end_date=body.end_date,
        hours=body.allocation_hours_per_week,
        percent=body.allocation_percent,
    )
    result = enrolment_json(enrolment)
    db.session.commit()
    return result


def _decide(enrolment: Enrolment, approve: bool) -> dict:
    require("ambassadors.decide_enrolment", enrolment)
    enrolments.decide_enrolment(g.api_user, enrolment, approve, today())
    result = enrolment_json(enrolment)
    db.session.commit()
    return result


@operation(
    "POST",
    "/ambassadors/<int:enrolment_id>/approve",
    tag="ambassadors",
    load=get_enrolment_or_404,
    response=EnrolmentOut,
    errors=(403, 409),
)
def approve_enrolment(enrolment: Enrolment):
    """Approve (the person's manager or HR); the person becomes an ambassador."""
    return _decide(enrolment, True)


@operation(
    "POST",
    "/ambassadors/<int:enrolment_id>/decline",
    tag="ambassadors",
    load=get_enrolment_or_404,
    response=EnrolmentOut,
    errors=(403, 409),
)
def decline_enrolment(enrolment: Enrolment):
    """Decline (the person's manager or HR)."""
    return _decide(enrolment, False)
