"""The EX–CX link: a point per team whose share engaged is shown, against a customer
metric of the same period or the next (`lag`). Correlation, not causation.

x comes from the disclosure rule (employee.Rounds): a hidden team is no point at all.
y is a praise figure (customer engagement, NPS from praise) or an imported survey metric
(NPS, CSAT …) of the team's subtree.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from eximpact import clock
from eximpact.periods import Period, parse_period, period_of
from eximpact.pulse.disclosure import SHOWN
from eximpact.pulse.items import ENGAGEMENT
from eximpact.pulse.services.scope import team_parents
from eximpact.scorecards.services import figures
from eximpact.scorecards.services.employee import Rounds
from eximpact.scorecards.services.scorecard import LABELS, subtree_sets, teams_in_scope
from eximpact.scorecards.services.spearman import MIN_TEAMS, spearman
from eximpact.surveys.services.metric_queries import metric_names, subtree_metrics
from eximpact.validation import Problems, ValidationFailed

X_METRICS = ("engaged_share",)
Y_METRICS = ("customer_engagement", "praise_nps")  # from praise; or any imported survey metric
CAUTION = "Correlation, not causation."
TOO_FEW = "Too few teams to tell"


@dataclass(frozen=True)
class LinkQuery:
    x: str
    y: str
    period: Period
    lag: int


def parse_link_args(args: Mapping[str, str]) -> LinkQuery:
    problems = Problems()
    x = args.get("x") or "engaged_share"
    if x not in X_METRICS:
        problems.add("x", f"Use one of: {', '.join(X_METRICS)}.")
    y = args.get("y") or "customer_engagement"
    if y not in y_metrics():
        problems.add("y", f"Use one of: {', '.join(y_metrics())}.")
    period = period_of(clock.today(), "quarter").previous()
    if raw := (args.get("period") or "").strip():
        try:
            period = parse_period(raw)
        except ValidationFailed as error:
            problems.add("period", error.fields["period"][0])
    lag = args.get("lag") or "0"
    if lag not in ("0", "1"):
        problems.add("lag", "Use 0 (same period) or 1 (the next period).")
    problems.raise_if_any("Some filters need your attention.")
    return LinkQuery(x, y, period, int(lag) if lag in ("0", "1") else 0)


def y_metrics() -> list[str]:
    """The customer metrics a link may use: praise's and every imported survey metric."""
    return [*Y_METRICS, *(m for m in metric_names() if m not in Y_METRICS)]


def y_label(metric: str) -> str:
    """A customer metric's name for people: praise's from LABELS, a survey's as "NPS (survey)"."""
    return LABELS.get(metric) or f"{metric.upper()} (survey)"


def _survey_values(parents: dict, ids: list[int], period: Period, metric: str) -> dict:
    found = subtree_metrics(subtree_sets(parents, ids), period)
    return {team: found[team][metric][0] for team in ids if metric in found[team]}


def _y_values(praise: dict, metric: str) -> dict:
    out = {}
    for team, p in praise.items():
        if metric == "customer_engagement" and p["engagement_n"]:
            out[team] = round(p["engagement_sum"] / p["engagement_n"], 2)
        elif metric == "praise_nps" and p["rated"]:
            out[team] = round(100 * (p["promoters"] - p["detractors"]) / p["rated"])
    return out


def quadrant(x, y, mid_x, mid_y) -> str:
    vertical = "high" if x >= mid_x else "low"
    horizontal = "high" if y >= mid_y else "low"
    return f"{vertical}_engagement_{horizontal}_customer"


def _median(values):
    ordered = sorted(values)
    n = len(ordered)
    return (ordered[(n - 1) // 2] + ordered[n // 2]) / 2


def ex_cx_link(viewer, query: LinkQuery) -> dict:
    parents = team_parents()
    teams = teams_in_scope(viewer, parents, None)
    ids = [t.id for t in teams]
    names = {t.id: t.name for t in teams}
    x = Rounds(parents).figures(ENGAGEMENT, query.period, ids) if ids else {}
    y_period = query.period.shifted(query.lag)
    if not ids:
        y = {}
    elif query.y in Y_METRICS:
        praise = figures.praise(figures.Tree(parents, ids), [y_period])[0]
        y = _y_values(praise, query.y)
    else:
        y = _survey_values(parents, ids, y_period, query.y)
    points = [
        {"team_id": t, "name": names[t], "x": x[t]["value"], "y": y[t]}
        for t in ids
        if x[t]["status"] == SHOWN and t in y
    ]
    result = spearman([p["x"] for p in points], [p["y"] for p in points])
    if points:
        mid_x, mid_y = _median([p["x"] for p in points]), _median([p["y"] for p in points])
        for p in points:
            p["quadrant"] = quadrant(p["x"], p["y"], mid_x, mid_y)
    if result is None and len(points) < MIN_TEAMS:
        message = f"{TOO_FEW}: {len(points)} of at least {MIN_TEAMS}. {CAUTION}"
    elif result is None:
        message = f"No spread in one of the figures, so no correlation to show. {CAUTION}"
    else:
        message = CAUTION
    return {
        "x": query.x,
        "y": query.y,
        "period": query.period.key,
        "y_period": y_period.key,
        "lag": query.lag,
        "points": points,
        "n_teams": len(points),
        "spearman": result,
        "message": message,
    }
