"""The field types every API declaration is built from: one type, one rule, one schema.

Each type below both checks a value and says, in the OpenAPI document, exactly
what it accepts, so the document and the parser cannot disagree. Limits are
passed in from the feature's services (`LIMITS`), never written here. Messages
are the house's plain sentences, not pydantic's.
"""

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from eximpact.validation import MAX_INTEGER, too_long  # ids and counts are INTEGER

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# White space as JSON Schema's patterns (ECMAScript) know it: the parser strips exactly
# these, so "not blank" means the same in the document and in the code.
SPACES = "\t\n\x0b\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(code) for code in range(0x2000, 0x200B)
)
_SPACE_CLASS = r"\t\n\x0b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Texts never hold NUL (PostgreSQL cannot store it); a required one holds more than spaces.
ANY_TEXT = r"^[^\u0000]*$"
NOT_BLANK = rf"^[^\u0000]*[^\u0000{_SPACE_CLASS}][^\u0000]*$"


class ApiModel(BaseModel):
    """Base of every request and response model; unknown keys are ignored.

    Request fields use the types below, whose validators are exact about JSON types;
    response models read rows (`from_attributes`) and plain values.
    """

    model_config = ConfigDict(extra="ignore", from_attributes=True)


def _fail(kind: str, message: str):
    return PydanticCustomError(kind, message)


# -- text ---------------------------------------------------------------------------------


def text(limit: int, *, required: bool = False, nullable: bool | None = None):
    """A string of at most `limit` characters, stripped; `required` also refuses blank ones.

    An optional text may be null, read as "" (no text), unless `nullable=False`.
    """
    nullable = (not required) if nullable is None else nullable

    def check(value):
        if value is None:
            if nullable:
                return ""  # no text: the columns keep "" rather than NULL
            raise _fail("missing", "This field is required.")
        if not isinstance(value, str):
            raise _fail("string_type", "Must be a string.")
        if len(value) > limit:
            raise _fail("string_too_long", too_long(limit))
        if "\x00" in value:
            raise _fail("string_nul", "Must not contain NUL characters.")
        value = value.strip(SPACES)
        if required and not value:
            raise _fail("string_blank", "Must not be empty.")
        return value

    schema: dict[str, Any] = {"type": ["string", "null"] if nullable else "string"}
    schema["maxLength"] = limit
    schema["pattern"] = NOT_BLANK if required else ANY_TEXT
    if required:
        schema["minLength"] = 1
    return Annotated[str | None if nullable else str, PlainValidator(check), WithJsonSchema(schema)]


def matching(pattern: str, limit: int, hint: str, *, nullable: bool = True):
    """A string that wholly matches `pattern` (ECMAScript-safe: anchored, no flags), or null."""
    compiled = re.compile(pattern)

    def check(value):
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise _fail("string_type", "Must be a string.")
        if len(value) > limit or not compiled.fullmatch(value):
            raise _fail("string_pattern", hint)
        return value

    schema: dict[str, Any] = {"type": ["string", "null"] if nullable else "string"}
    schema.update(maxLength=limit, pattern=pattern)
    return Annotated[str | None if nullable else str, PlainValidator(check), WithJsonSchema(schema)]


# -- choices ------------------------------------------------------------------------------


def one_of(choices, *, nullable: bool = False):
    """One of `choices` (a model's state names); the same helper for bodies and query strings."""
    choices = tuple(choices)

    def check(value):
        if value is None and nullable:
            return None
        if value not in choices:
            raise _fail("choice", f"Use one of: {', '.join(choices)}.")
        return value

    schema: dict[str, Any] = {"type": "string", "enum": list(choices)}
    if nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return Annotated[str | None if nullable else str, PlainValidator(check), WithJsonSchema(schema)]


# -- numbers ------------------------------------------------------------------------------


def whole(minimum: int = -MAX_INTEGER, maximum: int = MAX_INTEGER, *, nullable: bool = False):
    """A whole number between `minimum` and `maximum` (JSON numbers only, never true/false)."""

    def check(value):
        if value is None and nullable:
            return None
        if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_INTEGER:
            value = int(value)  # JSON does not tell 2 from 2.0
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail("int_type", "Must be a whole number.")
        if value < minimum:
            raise _fail("too_small", f"Must be at least {minimum}.")
        if value > maximum:
            raise _fail("too_large", f"Must be at most {maximum}.")
        return value

    schema: dict[str, Any] = {
        "type": ["integer", "null"] if nullable else "integer",
        "minimum": minimum,
        "maximum": maximum,
    }
    return Annotated[int | None if nullable else int, PlainValidator(check), WithJsonSchema(schema)]


Id = whole()
OptionalId = whole(nullable=True)


def query_int(value) -> int:
    """A whole number written in a query string (`?team_id=12`)."""
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,20}", value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INTEGER:
        raise _fail("int_type", "Must be a whole number.")
    return value


def decimal(
    places: int = 2,
    *,
    minimum: int | None = 0,
    maximum: int | None = None,
    below: int = 10**12,
    nullable: bool = True,
):
    """An amount as a JSON number or a numeric string with at most `places` decimals,
    from `minimum` (None: any sign) up to `maximum`, or else below `below` (the column's room).

    API.md sends money out as strings, so clients may send the strings back.
    """

    def check(value):
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            raise _fail("decimal_type", "Must be a number.")
        if isinstance(value, float) and abs(value - round(value, places)) <= 4 * math.ulp(value):
            value = round(value, places)  # 0.57 may arrive as 0.5700000000000001
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise _fail("decimal_type", "Must be a number.") from None
        if not number.is_finite() or abs(number) >= below:
            raise _fail("decimal_range", f"Must be a number below {below:,}.")
        if number != number.quantize(Decimal(1).scaleb(-places)):
            raise _fail("decimal_places", f"Use at most {_PLACES.get(places, places)} decimals.")
        if minimum is not None and number < minimum:
            raise _fail(
                "too_small", "Cannot be negative." if minimum == 0 else f"At least {minimum}."
            )
        if maximum is not None and number > maximum:
            raise _fail("too_large", f"At most {maximum}.")
        return number

    bounds: dict[str, Any] = {}
    if minimum is not None:
        bounds["minimum"] = minimum
    else:
        bounds["exclusiveMinimum"] = -below
    if maximum is not None:
        bounds["maximum"] = maximum
    else:
        bounds["exclusiveMaximum"] = below
    digits = len(str(below)) - 1
    sign = "-?" if minimum is None or minimum < 0 else ""
    options: list[dict[str, Any]] = [
        {"type": "number", "multipleOf": float(Decimal(1).scaleb(-places)), **bounds},
        {"type": "string", "pattern": rf"^{sign}\d{{1,{digits}}}(\.\d{{1,{places}}})?$"},
    ]
    if maximum is not None or minimum not in (None, 0):
        options.pop()  # a range beyond a sign is not a pattern: numbers only
    if nullable:
        options.append({"type": "null"})
    schema = {"anyOf": options, "description": f"A number with at most {places} decimals"}
    return Annotated[
        Decimal | None if nullable else Decimal, PlainValidator(check), WithJsonSchema(schema)
    ]


_PLACES = {2: "two"}


def _money_out(value) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


_MONEY_OUT = {"type": ["string", "null"], "pattern": r"^-?\d+\.\d{2}$", "examples": ["1200.00"]}
Money = Annotated[
    Decimal | None,
    PlainSerializer(_money_out, return_type=str | None),
    WithJsonSchema(_MONEY_OUT, mode="serialization"),
]
"""Money in a response: API.md's string with two decimals, `"1200.00"`, or null."""


# -- dates --------------------------------------------------------------------------------


def _check_date(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail("date_type", "Must be a date written YYYY-MM-DD.")


def _check_optional_date(value):
    return None if value is None else _check_date(value)


_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"  # formats are only annotations in JSON Schema
_DATE_SCHEMA = {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
Day = Annotated[date, PlainValidator(_check_date), WithJsonSchema(_DATE_SCHEMA)]
OptionalDay = Annotated[
    date | None,
    PlainValidator(_check_optional_date),
    WithJsonSchema({"type": ["string", "null"], "format": "date", "pattern": _DATE_PATTERN}),
]


def iso_datetime(value) -> str | None:
    """UTC date-times as API.md writes them: ISO 8601 with Z."""
    return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z" if value else None


Moment = Annotated[
    datetime | None,
    PlainSerializer(iso_datetime, return_type=str | None),
    WithJsonSchema({"type": ["string", "null"], "format": "date-time"}, mode="serialization"),
]
"""A UTC date-time in a response, or null."""


def flag():
    """true or false, nothing else."""

    def check(value):
        if not isinstance(value, bool):
            raise _fail("bool_type", "Must be true or false.")
        return value

    return Annotated[bool, PlainValidator(check), WithJsonSchema({"type": "boolean"})]


Flag = flag()


def id_list(max_items: int = 1000):
    """A list of ids, repeats dropped, in order."""

    def check(value):
        if isinstance(value, list):  # JSON does not tell 2 from 2.0
            value = [int(v) if isinstance(v, float) and v.is_integer() else v for v in value]
        if not isinstance(value, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= MAX_INTEGER
            for item in value
        ):
            raise _fail("id_list", "Must be a list of ids.")
        if len(value) > max_items:
            raise _fail("too_many", f"Send at most {max_items} ids.")
        return list(dict.fromkeys(value))

    schema = {
        "type": "array",
        "maxItems": max_items,
        "items": {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
    }
    return Annotated[list[int], PlainValidator(check), WithJsonSchema(schema)]


IdList = id_list()


# -- errors -------------------------------------------------------------------------------

_MESSAGES = {
    "missing": "This field is required.",
    "model_type": "Must be an object.",
    "model_attributes_type": "Must be an object.",
    "dict_type": "Must be an object.",
    "list_type": "Must be a list.",
    "too_long": "Send at most {max_length} items.",
    "too_short": "Send at least {min_length}.",
    "extra_forbidden": "Not asked here.",
}


def field_problems(error: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    """pydantic's errors as API.md's `fields`: `{"kpis.0.name": ["Must not be empty."]}`."""
    fields: dict[str, list[str]] = {}
    for problem in error.errors(include_url=False):
        name = prefix + ".".join(str(part) for part in problem["loc"])
        template = _MESSAGES.get(problem["type"])
        try:
            message = template.format(**problem.get("ctx", {})) if template else problem["msg"]
        except KeyError:  # one of our own types, with its own sentence
            message = problem["msg"]
        fields.setdefault(name or "body", []).append(message)
    return fields


def partial(model: type[ApiModel], exclude: tuple[str, ...] = ()) -> type[ApiModel]:
    """The PATCH form of a model: nothing required, and only what was sent is changed.

    Read the values with `model_dump(exclude_unset=True)`; a field sent as null is still
    checked (a required text refuses it).
    """
    fields = {
        name: (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation,
            Field(None, description=info.description),
        )
        for name, info in model.model_fields.items()
        if name not in exclude
    }
    return create_model(
        f"{model.__name__}Patch", __base__=ApiModel, __doc__=model.__doc__, **fields
    )


# -- query strings ------------------------------------------------------------------------


def _query_id(value):
    number = query_int(value)
    if number < 1:
        raise _fail("too_small", "Must be at least 1.")
    return number


def _query_day(value):
    return _check_date(value)


QueryId = Annotated[
    int | None,
    PlainValidator(_query_id),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}),
]
"""An id in a query string (`?team_id=12`); absent means no filter."""
QueryDay = Annotated[date | None, PlainValidator(_query_day), WithJsonSchema(_DATE_SCHEMA)]
"""A `YYYY-MM-DD` day in a query string."""


def query_text(limit: int):
    """Search text in a query string, stripped; empty means no search."""

    def check(value):
        if not isinstance(value, str):
            raise _fail("string_type", "Must be a string.")
        if len(value) > limit:
            raise _fail("string_too_long", too_long(limit))
        return value.strip() or None

    schema = {"type": "string", "maxLength": limit}
    return Annotated[str | None, PlainValidator(check), WithJsonSchema(schema)]


def query_flag(value):
    if value in ("true", "false"):
        return value == "true"
    raise _fail("bool_type", "Must be true or false.")


QueryFlag = Annotated[bool | None, PlainValidator(query_flag), WithJsonSchema({"type": "boolean"})]


class ClosedObject(ApiModel):
    """An object whose keys are all named (answers by item): an unknown key is named in the 422."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)
