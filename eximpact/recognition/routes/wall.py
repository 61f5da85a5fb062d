"""The recognition wall and the leaderboards, for every employee (answers: `routes.answers`)."""

from datetime import date

from flask import render_template, request
from flask_login import current_user

from eximpact import charts, clock
from eximpact.org.services import active_team_choices, subtree_team_ids
from eximpact.pagination import paginate
from eximpact.recognition.forms import comment_form_for
from eximpact.recognition.periods import PERIOD_LABELS, PERIODS, period_name, shift
from eximpact.recognition.routes import bp
from eximpact.recognition.services import wall as boards
from eximpact.recognition.services.answer_queries import answers_for, keys_of
from eximpact.recognition.services.cycles import all_categories
from eximpact.recognition.services.thanking import recent_thanks


@bp.get("/")
def wall():
    """Approved and awarded recognitions, newest first, for every signed-in employee."""
    team_id = request.args.get("team", type=int)
    category_id = request.args.get("category", type=int)
    query = boards.wall_query(subtree_team_ids(team_id) if team_id else None, category_id)
    results = paginate(query, per_page=20)
    thanks = recent_thanks() if results.page == 1 else []
    return render_template(
        "recognition/wall.html",
        results=results,
        teams=active_team_choices(),
        categories=[(c.id, c.name) for c in all_categories()],
        team_id=team_id,
        category_id=category_id,
        thanks=thanks,
        answers=answers_for(current_user, keys_of([*results.items, *thanks])),
        comment_form_for=comment_form_for,
    )


@bp.get("/leaderboard")
def leaderboard():
    """Service heroes of the month, quarter or year, for the organisation or one team."""
    period = request.args.get("period") if request.args.get("period") in PERIODS else "month"
    try:
        day = date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        day = clock.today()
    team_id = request.args.get("team", type=int)
    board = boards.leaderboard(period, day, subtree_team_ids(team_id) if team_id else None)
    top = board.rows[:10]
    chart = charts.horizontal_bar(
        f"Points, {period_name(period, day)}",
        [row.name for row in top],
        {"Points": [row.points for row in top]},
        show_legend=False,
        height=max(200, 36 * len(top) + 100),
    )
    return render_template(
        "recognition/leaderboard.html",
        board=board,
        chart=chart if top else None,
        period=period,
        periods=PERIOD_LABELS,
        title=period_name(period, day),
        previous=shift(period, day, -1),
        following=shift(period, day, 1),
        is_current=board.start <= clock.today() <= board.end,
        teams=active_team_choices(),
        team_id=team_id,
        points=boards.POINTS,
    )
