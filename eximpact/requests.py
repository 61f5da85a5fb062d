"""Reading requests: query and form numbers that never overflow, JSON that never surprises.

Views write `request.args.get("team", type=int)`; Python's int() takes 4,300 digits,
"٣" and "1_0", and a 20-digit id overflows the database's BIGINT (a 500 on SQLite).
Here `type=int` means `validation.whole_number`: a malformed value is the default.

Every JSON body (request.get_json, the API's json_body, the webhook) is parsed by
`StrictJSONProvider.loads`: nesting past MAX_JSON_DEPTH, a lone surrogate ("\\ud800",
which no database can store) or a NUL character is a ValueError, so a 400, not a 500.
"""

import json

from flask import Request as FlaskRequest
from flask import abort, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict
from werkzeug.utils import cached_property

from eximpact.validation import whole_number

MAX_JSON_DEPTH = 64
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class WholeNumbers:
    """`get(..., type=int)` and `getlist(..., type=int)` through `whole_number`."""

    def get(self, key, default=None, type=None):
        if type is not int:
            return super().get(key, default, type)
        value = whole_number(super().get(key), signed=True)
        return default if value is None else value

    def getlist(self, key, type=None):
        if type is not int:
            return super().getlist(key, type)
        values = (whole_number(raw, signed=True) for raw in super().getlist(key))
        return [value for value in values if value is not None]


class Arguments(WholeNumbers, ImmutableMultiDict):
    """The query string and the form."""


class CombinedArguments(WholeNumbers, CombinedMultiDict):
    """`request.values`: the query string, then the form."""


class Request(FlaskRequest):
    parameter_storage_class = Arguments

    @cached_property
    def values(self) -> CombinedArguments:
        sources = [self.args]
        if self.method != "GET":
            sources.append(self.form)  # as Werkzeug does: GET bodies are not form data
        return CombinedArguments(sources)


class StrictJSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            value = json.loads(s, **kwargs)
        except RecursionError:
            raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.") from None
        if problem := json_problem(value):
            raise ValueError(problem)
        return value


def json_problem(value) -> str | None:
    """Why a parsed JSON value cannot be taken in, or None; walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"JSON nested more than {MAX_JSON_DEPTH} levels deep."
        if isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, depth))
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str) and (problem := text_problem(item)):
            return problem
    return None


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "Text must not contain NUL characters."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Text must be valid Unicode (a lone surrogate such as \\ud800 is not)."
    return None


def refuse_unstorable_text() -> None:
    """A NUL in the query string or a form is a 400: PostgreSQL cannot store or compare it."""
    sources = [request.args]
    if request.mimetype in FORM_TYPES:  # other bodies stay unread, for the view's own limit
        sources.append(request.form)
    for values in sources:
        for _key, value in values.items(multi=True):
            if "\x00" in value or "\x00" in _key:
                abort(400, "Text must not contain NUL characters.")
