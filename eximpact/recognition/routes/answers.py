"""Answering the wall: a wall item's own page, reactions and comments (`services.answers`).

Plain POST forms that work without JavaScript: after a change the person returns to
where they were (the wall's card, or the item's page); a refused change shows the
item's page again with the message and the person's words kept (422).
"""

from flask import flash, redirect, render_template, request
from flask_login import current_user

from eximpact.access import require
from eximpact.forms import ConfirmForm, save_on_submit
from eximpact.pagination import paginate
from eximpact.recognition.forms import CommentForm, ReactionForm, comment_form_for
from eximpact.recognition.loaders import get_comment_or_404, get_wall_item_or_404
from eximpact.recognition.routes import bp
from eximpact.recognition.services import answers
from eximpact.recognition.services.answer_queries import answers_for, comments_query
from eximpact.security import is_safe_next

ITEM = "/<any(nomination, thanks):kind>/<int:item_id>"


def _back(kind: str, item_id: int) -> str:
    target = request.form.get("next")
    return target if is_safe_next(target) else answers.item_url(kind, item_id)


def _item_page(item, comment_form: CommentForm | None = None, problems=()):
    kind = answers.item_kind(item)
    return render_template(
        "recognition/item.html",
        item=item,
        kind=kind,
        person=answers.recognised_person(item),
        answers=answers_for(current_user, [(kind, item.id)], latest=0)[(kind, item.id)],
        comments=paginate(comments_query(kind, item.id), per_page=50),
        form=comment_form or comment_form_for(kind, item.id),
        problems=list(problems),
    )


@bp.get(ITEM)
def wall_item(kind: str, item_id: int):
    """One wall item with its reactions and every comment."""
    return _item_page(get_wall_item_or_404(kind, item_id, current_user))


def _reaction_view(kind: str, item_id: int, change):
    item = get_wall_item_or_404(kind, item_id, current_user)
    form = ReactionForm()
    if save_on_submit(form, lambda: change(current_user, item, form.reaction.data) or True):
        return redirect(_back(kind, item_id))
    problems = [*form.form_errors, *form.reaction.errors]
    return _item_page(item, problems=problems), 422


@bp.post(f"{ITEM}/reactions")
def react(kind: str, item_id: int):
    """Give a reaction (once per kind and person)."""
    return _reaction_view(kind, item_id, answers.react)


@bp.post(f"{ITEM}/reactions/remove")
def unreact(kind: str, item_id: int):
    """Take one's reaction back."""
    return _reaction_view(kind, item_id, answers.unreact)


@bp.post(f"{ITEM}/comments")
def comment(kind: str, item_id: int):
    """Comment on a wall item; a refused comment is shown again with its words kept."""
    item = get_wall_item_or_404(kind, item_id, current_user)
    form = comment_form_for(kind, item_id)
    if save_on_submit(form, lambda: answers.add_comment(current_user, item, form.text.data)):
        flash("Your comment is on the wall.", "success")
        return redirect(_back(kind, item_id))
    return _item_page(item, comment_form=form), 422


@bp.post("/comments/<int:comment_id>/remove")
def remove_comment(comment_id: int):
    """Its author, HR or an admin removes a comment."""
    comment = get_comment_or_404(comment_id, current_user)
    require("comment.remove", comment)
    kind, item_id = comment.item_kind, comment.item_id
    if save_on_submit(ConfirmForm(), lambda: answers.remove_comment(current_user, comment)):
        flash("The comment is removed.", "success")
    return redirect(_back(kind, item_id))
