"""Ready-made initiatives: choosing one fills the form with a well-tried plan."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InitiativeTemplate:
    key: str
    name: str
    pillar: str
    title: str
    description: str
    sender: str
    audience: str
    trigger: str
    channel: str
    tools: str
    frequency: str
    two_way: bool
    quick_win: bool = False
    duration_days: int = 90
    defaults: dict = field(default_factory=dict)

    def values(self) -> dict:
        """The initiative fields this template fills."""
        return {
            "pillar": self.pillar,
            "title": self.title,
            "description": self.description,
            "sender": self.sender,
            "audience": self.audience,
            "trigger": self.trigger,
            "channel": self.channel,
            "tools": self.tools,
            "frequency": self.frequency,
            "two_way": self.two_way,
            "quick_win": self.quick_win,
        }


TEMPLATES = {
    t.key: t
    for t in (
        InitiativeTemplate(
            key="town_hall",
            name="Town hall",
            pillar="inspire",
            title="Town hall: why customer experience matters",
            description="Leaders explain the CX vision and values in plain language, share NPS "
            "results and programme progress, and answer questions live.",
            sender="CEO and leadership team",
            audience="All employees",
            trigger="Strategy announcement, quarterly results and NPS",
            channel="Town hall meeting with live Q&A",
            tools="Meeting room, video stream, anonymous Q&A tool",
            frequency="quarterly",
            two_way=True,
            duration_days=365,
        ),
        InitiativeTemplate(
            key="skip_level",
            name="Skip-level meeting with front-line staff",
            pillar="inspire",
            title="Skip-level meetings with front-line staff",
            description="Senior leaders meet small groups of customer-facing staff without their "
            "line manager, listen to what gets in the way of serving customers, and act on it.",
            sender="Senior leaders",
            audience="Front-line customer-facing staff",
            trigger="Monthly listening round",
            channel="Small-group meeting, in person",
            tools="Calendar invitations, shared action log",
            frequency="monthly",
            two_way=True,
            duration_days=365,
        ),
        InitiativeTemplate(
            key="cx_onboarding",
            name="CX onboarding training",
            pillar="instruct",
            title="CX onboarding training for new joiners",
            description="Every new joiner learns what great customer experience looks like here, "
            "hears real customer calls and practises difficult conversations.",
            sender="HR and the CX team",
            audience="New joiners in their first month",
            trigger="A new employee's start date",
            channel="Classroom session and e-learning",
            tools="Learning platform, call recordings",
            frequency="monthly",
            two_way=True,
            duration_days=365,
        ),
        InitiativeTemplate(
            key="call_listening",
            name="Customer-call listening session",
            pillar="inform",
            title="Customer-call listening session",
            description="Teams listen to a selection of real customer calls together and discuss "
            "what the customer felt and what they would change.",
            sender="CX team",
            audience="Back-office and support teams",
            trigger="The month's selected call recordings",
            channel="Team meeting: listen, then discuss",
            tools="Call recording system",
            frequency="monthly",
            two_way=True,
            duration_days=180,
        ),
        InitiativeTemplate(
            key="service_week",
            name="Customer Service Week celebration",
            pillar="reward",
            title="Customer Service Week celebration",
            description="A week of celebrating service heroes: stories on the intranet, "
            "a thank-you from leadership, and the customer-hero awards.",
            sender="Leadership and HR",
            audience="All employees",
            trigger="Customer Service Week (first full week of October)",
            channel="Events, awards ceremony, intranet stories",
            tools="Intranet, newsletter, screens in the offices",
            frequency="yearly",
            two_way=False,
            quick_win=True,
            duration_days=7,
        ),
        InitiativeTemplate(
            key="ambassador_kickoff",
            name="Ambassador project kick-off",
            pillar="engage",
            title="CX ambassador project kick-off",
            description="CX ambassadors and their managers agree the project's goal, the time each "
            "ambassador gives, and how progress will be shown.",
            sender="CX programme lead",
            audience="CX ambassadors and their managers",
            trigger="Launch of a new ambassador project",
            channel="Workshop",
            tools="Project board, shared drive",
            frequency="once",
            two_way=True,
            quick_win=True,
            duration_days=14,
        ),
    )
}
