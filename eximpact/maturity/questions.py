"""Our maturity questions: four per pillar, each answered by picking one of five behaviours.

Temkin's questionnaire is not public, so these are our own items placed on his five
stages (Damaging … Maximizing), labelled "Temkin's stages, our questions".
"""

from dataclasses import dataclass

LABEL = "Temkin's stages, our questions"
STAGES = ("damaging", "neglecting", "maintaining", "enhancing", "maximizing")
LEVELS = len(STAGES)  # each question is answered by one of five behaviours, 1..LEVELS
STAGE_LABELS = {s: s.capitalize() for s in STAGES}
# Upper bounds of each stage's band of the 1–5 score (the last one includes 5).
STAGE_BOUNDS = ((1.8, "damaging"), (2.6, "neglecting"), (3.4, "maintaining"), (4.2, "enhancing"))
# Temkin's 2015 study: the share of companies at each stage, for reference.
TEMKIN_2015 = {
    "damaging": 19,
    "neglecting": 37,
    "maintaining": 25,
    "enhancing": 16,
    "maximizing": 3,
}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    levels: tuple[str, str, str, str, str]  # behaviours from Damaging (1) to Maximizing (5)


def _q(key, text, *levels) -> Question:
    return Question(key, text, tuple(levels))


QUESTIONS: dict[str, tuple[Question, ...]] = {
    "inform": (
        _q(
            "inform_customer_voice",
            "How do employees hear what customers say?",
            "They rarely hear it, or only when something went badly wrong.",
            "Managers pass on complaints now and then.",
            "A regular digest of feedback reaches most teams.",
            "Teams hear customers' words weekly and discuss them.",
            "Everyone can listen to customers directly and routinely does.",
        ),
        _q(
            "inform_strategy",
            "How well is the customer strategy explained?",
            "There is none, or it contradicts what people are asked to do.",
            "It exists in a slide deck few have seen.",
            "It is explained once a year to everyone.",
            "Managers translate it for their team and revisit it.",
            "Every person can say what it means for their own job.",
        ),
        _q(
            "inform_results",
            "Do people see the results of their work for customers?",
            "Never; results are kept from them.",
            "Only company-wide numbers, late.",
            "Team results are shared monthly.",
            "Teams see their own results and the story behind them.",
            "Results are live, understood and acted on by the team.",
        ),
        _q(
            "inform_channels",
            "How does information flow?",
            "Top-down memos, often contradictory.",
            "E-mail blasts that people skip.",
            "A steady, predictable set of channels.",
            "Two-way channels where questions get answers.",
            "People seek out and share information on their own.",
        ),
    ),
    "inspire": (
        _q(
            "inspire_mission",
            "Is the mission concrete for each job?",
            "The mission is cynically joked about.",
            "It is on the wall, not in the work.",
            "Most people can repeat it.",
            "Leaders link daily decisions to it.",
            "People use it to decide what to do when nobody is watching.",
        ),
        _q(
            "inspire_leaders",
            "How do leaders behave?",
            "They undermine customer focus under pressure.",
            "They talk about customers but reward other things.",
            "They set a fair example most of the time.",
            "They visibly listen to employees and customers.",
            "They are role models people tell stories about.",
        ),
        _q(
            "inspire_stories",
            "Are customer stories told?",
            "Never.",
            "Occasionally, in leadership meetings only.",
            "In some all-hands meetings.",
            "Regularly, in every team.",
            "They are part of how we start meetings and welcome newcomers.",
        ),
        _q(
            "inspire_purpose",
            "Do employees feel their work matters to customers?",
            "Most feel it does not.",
            "Some do, many do not.",
            "Most do, on good days.",
            "Nearly everyone does.",
            "People are proud of it and say so outside work.",
        ),
    ),
    "instruct": (
        _q(
            "instruct_onboarding",
            "How are newcomers prepared to serve customers?",
            "They are thrown in.",
            "A short product briefing.",
            "Structured onboarding with a CX module.",
            "Onboarding with shadowing and a buddy.",
            "Onboarding and coaching until they are confident.",
        ),
        _q(
            "instruct_coaching",
            "How often do people get coaching?",
            "Never.",
            "Only after a complaint.",
            "A few times a year.",
            "Monthly, from a trained coach or manager.",
            "Continuous, with peers coaching each other.",
        ),
        _q(
            "instruct_tools",
            "Do people have the tools to do the job well?",
            "Tools get in the way of customers.",
            "Workarounds are everywhere.",
            "Tools are adequate.",
            "Tools are improved with employees' input.",
            "Employees shape the tools and they delight customers.",
        ),
        _q(
            "instruct_knowledge",
            "Can people find what they need to know?",
            "No; knowledge sits in a few heads.",
            "Scattered documents, often out of date.",
            "A maintained knowledge base.",
            "A knowledge base that teams improve weekly.",
            "Knowledge is shared instantly and trusted.",
        ),
    ),
    "engage": (
        _q(
            "engage_feedback",
            "Are employees asked for their feedback, and is it acted on?",
            "Never asked.",
            "Asked once a year, nothing happens.",
            "Asked, and some actions follow.",
            "Asked regularly, with visible action.",
            "Employees lead the changes that follow.",
        ),
        _q(
            "engage_improvement",
            "Do employees take part in improving CX?",
            "They are told not to.",
            "A few volunteers, unsupported.",
            "Some projects involve them.",
            "Ambassadors have time set aside for it.",
            "Improving CX is part of everyone's job.",
        ),
        _q(
            "engage_ideas",
            "What happens to employees' ideas?",
            "They disappear.",
            "They are collected and forgotten.",
            "Some are tried.",
            "Every idea gets an answer.",
            "Ideas are tried quickly and credited to their authors.",
        ),
        _q(
            "engage_teams",
            "Do teams work across silos for customers?",
            "Silos fight each other.",
            "Only through escalations.",
            "Some cross-team projects.",
            "Regular cross-team work on customer journeys.",
            "Teams organise around customers, not org charts.",
        ),
    ),
    "reward": (
        _q(
            "reward_recognition",
            "Is great service recognised?",
            "Never, or only sales numbers.",
            "An annual award few believe in.",
            "Managers thank people now and then.",
            "Peer recognition tied to customer praise, weekly.",
            "Recognition is constant, specific and from everyone.",
        ),
        _q(
            "reward_metrics",
            "What do targets and bonuses reward?",
            "Speed and cost against customers.",
            "Mostly internal numbers.",
            "A mix with one customer measure.",
            "Customer outcomes weigh as much as the rest.",
            "Customer outcomes come first, and people agree they are fair.",
        ),
        _q(
            "reward_celebration",
            "Do we celebrate successes?",
            "No.",
            "Rarely, at the top only.",
            "At big milestones.",
            "Often, in teams.",
            "Celebration is part of our rhythm.",
        ),
        _q(
            "reward_careers",
            "Does customer focus help a career?",
            "It hurts it.",
            "It makes no difference.",
            "It helps a little.",
            "It is part of every promotion.",
            "Our leaders are the people who served customers best.",
        ),
    ),
}
