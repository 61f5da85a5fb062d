"""One declaration per API operation: it routes, checks, parses, serialises and documents.

    @operation("PATCH", "/campaigns/<int:campaign_id>", tag="campaigns",
               permission="campaigns.plan", load=get_campaign_or_404,
               body=partial(CampaignIn), response=CampaignOut)
    def update_campaign(campaign, body): ...

The order is always: bearer token (common.py), `permission`, `load` (the resource's
404/403 loader, `get_<thing>_or_404(id, for_person)`, given the path arguments), then
the query string and the body through their pydantic models (a 422 naming each
field), then the view, whose result is serialised by `response`. The same
declaration feeds the OpenAPI document (`openapi.py`), so what is documented is
what is parsed.
"""

import inspect
import re
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Response, abort, current_app, g, request
from pydantic import ValidationError

from eximpact.access import can, current_actor
from eximpact.api import bp
from eximpact.api.common import json_body
from eximpact.api.schema import ApiModel, field_problems
from eximpact.extensions import db
from eximpact.pagination import MAX_PAGE, page_args, paginate_rows
from eximpact.validation import ValidationFailed


@dataclass
class Operation:
    """What the document says about one route; built from the decorator's arguments."""

    method: str
    rule: str
    endpoint: str
    summary: str
    tag: str
    body: type[ApiModel] | None = None
    body_required: bool = True
    query: type[ApiModel] | None = None
    response: Any = None
    status: int = 200
    listing: bool = False
    errors: tuple[int, ...] = ()
    public: bool = False
    description: str | None = None
    content_type: str = "application/json"
    extra: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", self.rule)

    @property
    def path_names(self) -> list[str]:
        return re.findall(r"<(?:[^:>]+:)?([^>]+)>", self.rule)

    @property
    def path_choices(self) -> dict[str, list[str]]:
        """The path arguments that take one of a few words (`<any(a, b):name>`), and the words."""
        return {
            name: [word.strip() for word in words.split(",")]
            for words, name in re.findall(r"<any\(([^)]*)\):([^>]+)>", self.rule)
        }


OPERATIONS: list[Operation] = []


def operation(
    method: str,
    rule: str,
    *,
    tag: str,
    summary: str | None = None,
    permission: str | None = None,
    load=None,
    body: type[ApiModel] | None = None,
    body_required: bool = True,
    query: type[ApiModel] | None = None,
    response: Any = None,
    status: int = 200,
    listing: bool = False,
    errors: tuple[int, ...] = (),
    public: bool = False,
    content_type: str = "application/json",
    parse_body: bool = True,
    doc: dict | None = None,
    guards: tuple = (),
):
    """Register `view` on the API blueprint and describe it; see the module docstring.

    `parse_body=False` documents `body` but leaves reading it to the view (the webhook
    checks its signature over the raw bytes first, then calls `parse`); `doc` adds to
    the operation's document (header parameters, extra responses); `guards` are
    decorators that run before anything is read (the sign-in rate limits).
    """

    def decorator(view):
        op = Operation(
            method=method.upper(),
            rule=rule,
            endpoint=view.__name__,
            summary=summary or (view.__doc__ or view.__name__).strip().splitlines()[0],
            tag=tag,
            body=body,
            body_required=body_required,
            query=query,
            response=response,
            status=status,
            listing=listing,
            errors=tuple(errors) + ((403,) if permission else ()),
            public=public,
            content_type=content_type,
            extra=doc or {},
        )

        takes_person = load is not None and "for_person" in inspect.signature(load).parameters

        @wraps(view)
        def handler(**path_args):
            if permission and not can(current_actor(), permission):
                abort(403)
            if load is not None:
                who = {"for_person": g.api_user} if takes_person else {}
                args = [load(*path_args.values(), **who)]
            else:
                args = []
            kwargs = {} if load else dict(path_args)
            if listing:
                _check_paging()
            if query is not None:
                kwargs["query"] = parse(query, request.args.to_dict())
            if body is not None and parse_body:
                raw = json_body() if (body_required or request.get_data()) else {}
                kwargs["body"] = parse(body, raw)
            return _render(op, view(*args, **kwargs))

        for guard in reversed(guards):
            handler = wraps(view)(guard(handler))
        if public:
            handler.is_public = True
        if permission:
            handler.permission = permission
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=handler, methods=[op.method])
        OPERATIONS.append(op)
        return handler

    return decorator


# The message of a 422 from the declaration itself, before any rule of a service: the
# schemathesis test knows by it that a request the document allows was refused by its parser.
DOES_NOT_MATCH = "Some fields do not match what this API accepts (see /api/v1/docs)."


def parse(model: type[ApiModel], raw) -> ApiModel:
    """`raw` (a decoded JSON body) read by `model`; a 422 naming every field at fault."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ValidationFailed(field_problems(error), DOES_NOT_MATCH) from None


def _check_paging() -> None:
    """`page` and `per_page` are whole numbers from 1; per_page above 200 is capped, not refused."""
    problems = {}
    for name in ("page", "per_page"):
        raw = request.args.get(name)
        if raw is None:
            continue
        if not re.fullmatch(r"\d{1,10}", raw) or not 1 <= int(raw) <= MAX_PAGE:
            problems[name] = [f"Must be a whole number from 1 to {MAX_PAGE}."]
    if problems:
        raise ValidationFailed(problems, DOES_NOT_MATCH)


def page_of(query, prepare=None, rows: bool = False) -> dict:
    """API.md's list envelope for a select (one count and one page query), items unserialised.

    `prepare(items)` may turn the page's rows into what the response model reads, with
    look-ups shared by the whole page (one grouped query instead of one per item); `rows`
    when the select is of plain rows (a UNION) rather than entities.
    """
    config = current_app.config
    page, per_page = page_args(config["API_PER_PAGE"], config["API_MAX_PER_PAGE"], strict=True)
    if rows:
        pagination = paginate_rows(query, page, per_page)
    else:
        pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    items = list(pagination.items)
    return {
        "items": prepare(items) if prepare else items,
        "page": page,
        "per_page": per_page,
        "total": pagination.total,
    }


def dump(model, value) -> Any:
    """`value` (a row, a dict or a model) as the response model writes it in JSON."""
    if isinstance(value, model):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return model.model_validate(value).model_dump(mode="json", by_alias=True, exclude_unset=True)


def _render(op: Operation, result):
    if isinstance(result, Response) or op.response is None:
        return result
    status = op.status
    if isinstance(result, tuple):
        result, status = result
    if op.listing:
        body = {**result, "items": [dump(op.response, item) for item in result["items"]]}
    else:
        body = dump(op.response, result)
    response = current_app.json.response(body)
    response.status_code = status
    return response
