"""Access rules of the praise and outreach pages and API.

The praise is of the employee, so its outreach belongs to the manager persona.
"""

from eximpact.extensions import db
from tests.access import PEOPLE_ADMINS, PUBLIC, SIGNED_IN, r
from tests.praise.factories import log_praise

LEADER_OR_HR = frozenset({"manager", "hr"})
HR = frozenset({"hr"})


def populate(world) -> None:
    praise = log_praise(world.personas["employee"], actor=world.personas["hr"])
    db.session.flush()
    world.ids["praise"] = praise.id
    world.ids["outreach"] = praise.outreach[0].id


_PRAISE = {"source": "email", "text": "Lovely", "employee_ids": []}
ROUTES = {
    "praise.index": r(SIGNED_IN, ("GET", "/praise/", None)),
    "praise.new": r(SIGNED_IN, ("GET", "/praise/new", None), ("POST", "/praise/new", None)),
    "praise.detail": r(SIGNED_IN, ("GET", "/praise/{praise}", None)),
    "praise.import_csv": r(
        PEOPLE_ADMINS, ("GET", "/praise/import", None), ("POST", "/praise/import", None)
    ),
    "praise.import_template": r(PEOPLE_ADMINS, ("GET", "/praise/import/template.csv", None)),
    "praise.my_outreach": r(SIGNED_IN, ("GET", "/praise/outreach", None)),
    "praise.complete_outreach": r(
        LEADER_OR_HR,
        ("GET", "/praise/outreach/{outreach}", None),
        ("POST", "/praise/outreach/{outreach}", None),
    ),
    "praise.outreach_report": r(HR, ("GET", "/praise/outreach/report", None)),
    "api.list_praise": r(SIGNED_IN, ("GET", "/api/v1/praise", None)),
    "api.create_praise": r(SIGNED_IN, ("POST", "/api/v1/praise", _PRAISE)),  # 422: reached
    "api.show_praise": r(SIGNED_IN, ("GET", "/api/v1/praise/{praise}", None)),
    # No bearer token by design: the signature is the credential. Without a configured
    # secret (the test config) it answers 404, which is "reached", not "refused".
    "api.praise_webhook": r(PUBLIC, ("POST", "/api/v1/webhooks/praise", {})),
    "api.list_outreach": r(SIGNED_IN, ("GET", "/api/v1/outreach", None)),
    "api.complete": r(
        LEADER_OR_HR,
        ("POST", "/api/v1/outreach/{outreach}/complete", {"kind": "call", "note": "Thanks!"}),
    ),
}
