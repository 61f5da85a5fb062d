"""The item catalogue: the words people answer, the scales, and the pillar each item informs.

Temkin's three engagement statements (1–7) and our team-climate items (1–5) live
here once; the answer page, the API's `GET /pulse/items`, validation and the
results all read them.
"""

from dataclasses import dataclass

ENGAGEMENT = "engagement"
CLIMATE = "climate"
KINDS = (ENGAGEMENT, CLIMATE)
KIND_LABELS = {ENGAGEMENT: "Engagement pulse", CLIMATE: "Team climate check"}


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    low: str  # the words at the bottom of the scale
    high: str  # the words at the top
    minimum: int
    maximum: int
    pillar: str | None = None  # the Five I's pillar that acts on it
    fact: str | None = None  # what the app knows beside it (climate)


ENGAGEMENT_ITEMS = (
    Item(
        "mission",
        "I understand the mission of my company.",
        "Strongly disagree",
        "Strongly agree",
        1,
        7,
        pillar="inspire",
    ),
    Item(
        "feedback",
        "My company asks for my feedback and acts on it.",
        "Strongly disagree",
        "Strongly agree",
        1,
        7,
        pillar="engage",
    ),
    Item(
        "tools",
        "I have the training and tools that I need to be successful.",
        "Strongly disagree",
        "Strongly agree",
        1,
        7,
        pillar="instruct",
    ),
)
ENPS_ITEM = Item(
    "enps",
    "How likely are you to recommend working here to a friend?",
    "Not at all likely",
    "Extremely likely",
    0,
    10,
)
CLIMATE_ITEMS = (
    Item("greet", "In my team we greet and smile at each other.", "Never", "Always", 1, 5),
    Item("talk", "We talk to each other, not only about work.", "Never", "Always", 1, 5),
    Item("surroundings", "Our surroundings inspire us.", "Not at all", "Completely", 1, 5),
    Item(
        "gratitude",
        "There is a culture of gratitude in my team.",
        "Not at all",
        "Completely",
        1,
        5,
        pillar="reward",
        fact="recognition",
    ),
    Item(
        "results_visible",
        "The results of our work are visible to us.",
        "Not at all",
        "Completely",
        1,
        5,
        pillar="inform",
        fact="outreach",
    ),
    Item(
        "celebrate",
        "We celebrate successes together.",
        "Never",
        "Always",
        1,
        5,
        pillar="reward",
        fact="awards",
    ),
)

# TEEI bands of the sum of the three statements (3–21), best first.
BANDS = ("highly", "moderately", "slightly", "disengaged")
BAND_LABELS = {
    "highly": "Highly engaged",
    "moderately": "Moderately engaged",
    "slightly": "Slightly engaged",
    "disengaged": "Disengaged",
}
# A cell below this mean is "weak": the results offer to plan an initiative for it.
WEAK_BELOW = {ENGAGEMENT: 5.0, CLIMATE: 3.5}
COMMENT_MAX = 2000
COMMENT_MIN_RESPONDENTS = 10  # comments need max(k, this) respondents


def items_for(kind: str) -> tuple[Item, ...]:
    return ENGAGEMENT_ITEMS if kind == ENGAGEMENT else CLIMATE_ITEMS


def band(total: int) -> str:
    """The TEEI band of a sum of the three statements."""
    if total >= 19:
        return "highly"
    if total >= 16:
        return "moderately"
    if total >= 13:
        return "slightly"
    return "disengaged"
