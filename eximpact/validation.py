"""Errors that services raise and every entry point turns into its own kind of answer.

Pages put the messages beside the fields; the API answers 422 or 409 with the
API.md error body; the CLI prints them.
"""


class ValidationFailed(Exception):
    """Input breaks a rule. `fields` maps a field name to its problems."""

    def __init__(self, fields: dict[str, list[str]] | None = None, message: str | None = None):
        self.fields = {
            name: list(problems) for name, problems in (fields or {}).items() if problems
        }
        self.message = message or "Some fields need your attention."
        super().__init__(self.message)

    @classmethod
    def single(cls, field: str, problem: str) -> "ValidationFailed":
        return cls({field: [problem]}, problem)


class Conflict(Exception):
    """The record's state forbids the change (e.g. editing an approved entry)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class RateLimited(Conflict):
    """An allowance is used up until `retry_after` seconds from now (→ API 429, Retry-After).

    A Conflict to pages (the message above the form, nothing saved); the API answers 429.
    """

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class NotAllowed(Exception):
    """The person may not do this to this record (→ 403), decided by a rule in a service."""

    def __init__(self, message: str = "You may not do that."):
        self.message = message
        super().__init__(message)


class Problems:
    """Collects field problems, then raises them all at once: users see every fault in one go."""

    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, problem: str) -> None:
        self.fields.setdefault(field, []).append(problem)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def raise_if_any(self, message: str | None = None) -> None:
        if self.fields:
            raise ValidationFailed(self.fields, message)


def too_long(limit: int) -> str:
    """The one sentence for text over its limit, on pages, in the API and in imports."""
    return f"Use at most {limit:,} characters."


# The widest integer our columns hold: ids and counts are INTEGER (32-bit on PostgreSQL;
# past it PostgreSQL answers "integer out of range" and SQLite cannot bind past 64 bits).
MAX_INTEGER = 2**31 - 1


def fits_column(value: int) -> bool:
    return -MAX_INTEGER <= value <= MAX_INTEGER


def whole_number(raw, *, signed: bool = False) -> int | None:
    """`raw` (text from a query string, form, cookie or header) as an int a column can hold.

    Only ASCII digits count: Python's int() also takes "²"-like characters via isdigit()
    checks, Arabic-Indic digits, underscores and 4,300-digit monsters; none of those is a
    number a person meant. Anything else is None, so callers answer 4xx, never 500.
    """
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if signed and text[:1] in ("-", "+"):
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    else:
        sign = 1
    if not text or len(text) > 20 or not text.isascii() or not text.isdigit():
        return None
    value = sign * int(text)
    return value if fits_column(value) else None
