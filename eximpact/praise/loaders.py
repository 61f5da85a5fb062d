"""One loader per resource: the praise or outreach a person asked for.

Pages and the API both call these, so a missing one is the same 404 everywhere and
who may act on it is decided once.
"""

from flask import abort

from eximpact.access import can
from eximpact.extensions import db
from eximpact.praise.models import Outreach, Praise
from eximpact.praise.services.recording import get_praise


def get_praise_or_404(praise_id: int, for_person) -> Praise:
    """Praise is meant to be seen: every signed-in employee reads it (the customer
    reference is hidden by `praise.see_customer_ref`, not here)."""
    praise = get_praise(praise_id) or abort(404, "There is no such praise.")
    if not can(for_person, "signed_in", praise):
        abort(403)
    return praise


def get_outreach_or_404(outreach_id: int, for_person) -> Outreach:
    """A follow-up is for the leader it was assigned to, and HR."""
    item = db.session.get(Outreach, outreach_id) or abort(404, "There is no such outreach.")
    if not can(for_person, "outreach.complete", item):
        abort(403)
    return item
