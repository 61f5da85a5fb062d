"""Demo praise from several sources across teams, with outreach done, late, overdue and open.

Idempotent: every piece has an external id, so loading again finds it and adds nothing.
Dates are relative to `today`, so the demo always has something overdue and something open.
"""

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select

from eximpact.extensions import db
from eximpact.org.models import Person
from eximpact.praise.services.outreach import complete_outreach
from eximpact.praise.services.recording import PraiseInput, record_praise


class Demo(NamedTuple):
    days_ago: int
    source: str
    people: list[str]
    text: str
    nps: int | None = None
    emotion: str | None = None
    customer: str | None = None
    logged_by: str | None = None  # None: it came through the survey webhook
    follow_up: tuple[str, str, int] | None = None  # kind, note, days after receipt


DEMO_PRAISE = [
    Demo(
        2,
        "email",
        ["employee@example.com"],
        "Erik sorted out my billing mess in one call and rang back the next day to check it "
        "had worked. I felt like a person, not a ticket number.",
        nps=10,
        emotion="individual",
        customer="CASE-20431",
        logged_by="manager@example.com",
    ),
    Demo(
        12,
        "survey",
        ["aisha.rahman@example.com"],
        "Aisha was patient and kind, and explained every step of the router set-up. "
        "The best support I have had from any company.",
        nps=10,
        emotion="special",
        customer="SRV-88812",
    ),
    Demo(
        25,
        "email",
        ["aisha.rahman@example.com"],
        "Thank you again to Aisha, who remembered my case from last time.",
        nps=9,
        emotion="appreciated",
        customer="SRV-88812",
        logged_by="aisha.rahman@example.com",
        follow_up=(
            "note",
            "A handwritten card: thank you for making a customer feel remembered.",
            3,
        ),
    ),
    Demo(
        20,
        "call",
        ["ambassador@example.com", "jonas.weber@example.com"],
        "I called to cancel and ended up renewing: Sam and Jonas actually listened and fixed "
        "what had annoyed me for months.",
        nps=9,
        emotion="delighted",
        customer="CASE-19877",
        logged_by="employee@example.com",
        follow_up=("note", "Thank-you notes to both, read out at the Monday huddle.", 2),
    ),
    Demo(
        15,
        "survey",
        ["chloe.martin@example.com", "mateo.silva@example.com"],
        "Chloe and Mateo handled my complaint like it mattered to them. Sorted the same day.",
        nps=8,
        emotion="respected",
        customer="SRV-90011",
        follow_up=("call", "Called them both to say thanks.", 11),
    ),
    Demo(
        35,
        "review",
        ["sofia.rossi@example.com"],
        "Five stars for Sofia. Quick, friendly, and she did exactly what she promised.",
        emotion="delighted",
        customer="REV-4411",
        logged_by="hr@example.com",
        follow_up=("call", "Called Sofia and shared the review with the team.", 12),
    ),
    Demo(
        8,
        "chat",
        ["kwame.mensah@example.com"],
        "Kwame understood my problem before I had finished typing it. Impressive!",
        nps=9,
        emotion="understood",
        customer="CHAT-7720",
        logged_by="priya.nair@example.com",
    ),
    Demo(
        3,
        "call",
        ["hanna.virtanen@example.com"],
        "Hanna stayed on the line until my card was unblocked at the airport. A lifesaver.",
        nps=10,
        emotion="pampered",
        customer="CASE-20502",
        logged_by="priya.nair@example.com",
    ),
    Demo(
        45,
        "social",
        ["noah.schmidt@example.com"],
        "Shout-out to Noah, who fixed our heating on a Sunday evening with two small kids at "
        "home. Above and beyond!",
        emotion="pampered",
        logged_by="tomas.garcia@example.com",
        follow_up=("visit", "Visited Noah on site with coffee and the post printed out.", 4),
    ),
    Demo(
        5,
        "nps",
        ["amara.obi@example.com"],
        "The engineer, Amara, was on time, tidy and friendly.",
        nps=9,
        customer="NPS-55120",
    ),
    Demo(
        18,
        "review",
        ["yuki.tanaka@example.com"],
        "Yuki explained the quote line by line, no pressure at all. We signed because of her.",
        emotion="appreciated",
        customer="REV-4502",
        logged_by="tomas.garcia@example.com",
    ),
    Demo(
        60,
        "email",
        ["zofia.nowak@example.com"],
        "Zofia found us a plan that costs less and does more. Who does that?",
        nps=10,
        emotion="delighted",
        customer="CASE-18020",
        logged_by="rachel.adeyemi@example.com",
        follow_up=("note", "A note, and a mention in the sales newsletter.", 5),
    ),
    Demo(
        100,
        "email",
        ["employee@example.com"],
        "Erik was the first person in three calls who read my history before talking.",
        nps=9,
        emotion="understood",
        customer="CASE-17702",
        logged_by="manager@example.com",
        follow_up=("call", "Called Erik from the regional meeting.", 6),
    ),
    Demo(
        110,
        "survey",
        ["liam.oconnor@example.com"],
        "Liam turned a frustrating day into a good one. Please thank him from me.",
        nps=10,
        emotion="special",
        customer="SRV-80117",
        follow_up=("visit", "Visited Care South and thanked Liam in front of the team.", 6),
    ),
]


def _people() -> dict[str, Person]:
    emails = {email for demo in DEMO_PRAISE for email in demo.people}
    emails |= {demo.logged_by for demo in DEMO_PRAISE if demo.logged_by}
    people = db.session.scalars(select(Person).where(Person.email.in_(emails))).all()
    return {person.email: person for person in people}


def load_demo(today: date) -> None:
    people = _people()
    for number, demo in enumerate(DEMO_PRAISE, start=1):
        received = today - timedelta(days=demo.days_ago)
        praise, created = record_praise(
            people.get(demo.logged_by) if demo.logged_by else None,
            PraiseInput(
                source=demo.source,
                text=demo.text,
                received_at=received,
                employee_emails=demo.people,
                nps=demo.nps,
                emotion=demo.emotion,
                customer_ref=demo.customer,
                external_id=f"demo-praise-{number:02d}",
            ),
            intake="form" if demo.logged_by else "webhook",
            on=received,
        )
        if not created or demo.follow_up is None:
            continue
        kind, note, days_after = demo.follow_up
        done_at = datetime.combine(received + timedelta(days=days_after), time(10, 30))
        for item in praise.outreach:
            complete_outreach(item.leader, item, kind, note, now=done_at)
    db.session.flush()
