"""The main navigation, filtered by what the signed-in person may use."""

from dataclasses import dataclass, field

from flask import g, request, url_for
from flask_login import current_user

from eximpact.access import can
from eximpact.notifications.inbox import unread_count


@dataclass(frozen=True)
class Link:
    label: str
    endpoint: str
    permission: str = "signed_in"


@dataclass(frozen=True)
class Section:
    label: str
    links: list[Link] = field(default_factory=list)


NAVIGATION: list[Link | Section] = [
    Link("Home", "main.index"),
    Section(
        "Programme",
        [
            Link("Campaigns & dashboard", "campaigns.index", "campaigns.view"),
            Link("Initiatives", "campaigns.initiatives"),
            Link("Timeline", "campaigns.current_timeline"),
            Link("My team's rollout", "campaigns.my_rollout", "rollout.view_own"),
        ],
    ),
    Section(
        "Recognition",
        [
            Link("Recognition wall", "recognition.wall"),
            Link("Leaderboard", "recognition.leaderboard"),
            Link("Say thanks", "recognition.thanks"),
            Link("Nominate a colleague", "recognition.nominate"),
            Link("Nominations", "recognition.nominations"),
            Link("Customer praise", "praise.index"),
            Link("Log praise", "praise.new"),
            Link("My outreach", "praise.my_outreach"),
            Link("Outreach report", "praise.outreach_report", "outreach.report"),
            Link("Import praise", "praise.import_csv", "praise.import"),
            Link("Award cycles", "recognition.cycles"),
            Link("Categories & rewards", "recognition.categories"),
        ],
    ),
    Section(
        "Ambassadors",
        [
            Link("My timesheet", "ambassadors.timesheet_week", "time.log"),
            Link("Approvals", "ambassadors.approvals_queue", "time.approvals"),
            Link("Time entries", "ambassadors.entries", "time.entries"),
            Link("CX projects", "ambassadors.projects", "cx_projects.view"),
            Link("Enrolments", "ambassadors.enrolments_list", "ambassadors.enrol"),
            Link("Hours report", "ambassadors.hours_report", "reports.hours"),
        ],
    ),
    Section(
        "Insight",
        [
            Link("Scorecards", "scorecards.index", "scorecards.view"),
            Link("EX–CX link", "scorecards.ex_cx_link", "scorecards.view"),
            Link("Pulse & climate", "pulse.index"),
            Link("Maturity self-assessment", "maturity.index", "maturity.assess"),
            Link("Survey results", "surveys.index", "surveys.view"),
        ],
    ),
    Section(
        "Admin",
        [
            Link("People", "org.people", "people.manage"),
            Link("Teams", "org.teams", "teams.manage"),
            Link("Import CSV", "org.import_csv", "people.manage"),
            Link("Chat channels", "notifications.chat_channels", "chat.manage"),
        ],
    ),
]


@dataclass
class NavItem:
    label: str
    url: str = "#"
    active: bool = False
    children: list["NavItem"] = field(default_factory=list)


def _item(link: Link) -> NavItem | None:
    if not can(current_user, link.permission):
        return None
    return NavItem(link.label, url_for(link.endpoint), request.endpoint == link.endpoint)


def nav_items() -> list[NavItem]:
    items = []
    for entry in NAVIGATION:
        if isinstance(entry, Link):
            if item := _item(entry):
                items.append(item)
            continue
        children = [item for link in entry.links if (item := _item(link))]
        if children:
            items.append(
                NavItem(entry.label, active=any(c.active for c in children), children=children)
            )
    return items


def unread_notifications() -> int:
    """The signed-in person's unread count for the navigation: one COUNT per request."""
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user) if current_user.is_authenticated else 0
    return g.unread_notifications
