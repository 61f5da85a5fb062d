"""`/insight/external-metrics`: survey results in (one or a batch of up to 1000) and out.

A batch is all or nothing: each item is read by `ExternalMetricIn`, then checked by the
rules of `surveys.services.results`, and every fault is named by its index (`3.value`).
A repeated `external_id` is the stored item; nothing new stored → 200, else 201.
"""

import re
from decimal import Decimal
from typing import Annotated

from flask import g
from pydantic import PlainValidator, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from eximpact.api.common import json_body
from eximpact.api.declare import DOES_NOT_MATCH, operation, page_of
from eximpact.api.schema import (
    ApiModel,
    Id,
    Moment,
    QueryId,
    decimal,
    field_problems,
    query_text,
    text,
    whole,
)
from eximpact.extensions import db
from eximpact.periods import PERIOD_HINT, PERIOD_PATTERN, parse_period
from eximpact.surveys.models import EXTERNAL_ID_MAX, MAX_N, METRIC_MAX, SOURCE_MAX
from eximpact.surveys.services import results
from eximpact.surveys.services.result_queries import parse_results_filter, results_query
from eximpact.validation import Problems, ValidationFailed

MAX_BATCH = 1000


def _period(value):
    if not isinstance(value, str):
        raise PydanticCustomError("period", f"Give {PERIOD_HINT}.")
    try:
        return parse_period(value).key
    except ValidationFailed as error:
        raise PydanticCustomError("period", error.message) from None


def _metric(value):
    name = value.strip().lower() if isinstance(value, str) else ""
    if not re.fullmatch(results.METRIC_PATTERN, name):
        raise PydanticCustomError("metric", results.METRIC_HINT)
    return name


Period = Annotated[
    str,
    PlainValidator(_period),
    WithJsonSchema({"type": "string", "pattern": PERIOD_PATTERN, "description": PERIOD_HINT}),
]
Metric = Annotated[
    str,
    PlainValidator(_metric),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": results.METRIC_PATTERN,
            "maxLength": METRIC_MAX,
            "description": "nps (−100…100), csat (0…100 %), ces (1…7) or any name",
        }
    ),
]


class ExternalMetricIn(ApiModel):
    team_id: Id
    period: Period
    metric: Metric
    value: decimal(
        results.PLACES, minimum=None, below=int(results.ANY_METRIC_LIMIT) + 1, nullable=False
    )
    n: whole(1, MAX_N)
    source: text(SOURCE_MAX) = None
    external_id: text(EXTERNAL_ID_MAX) = None


class ExternalMetricOut(ApiModel):
    id: int
    team_id: int
    period: str
    grain: str
    metric: str
    value: float
    n: int
    source: str
    external_id: str | None
    created_at: Moment
    updated_at: Moment


class ExternalMetrics(ApiModel):
    items: list[ExternalMetricOut]


class MetricFilters(ApiModel):
    team_id: QueryId = None
    metric: query_text(METRIC_MAX) = None
    period: query_text(7) = None


def items_json(rows) -> list[dict]:
    return [
        {
            **{name: getattr(row, name, None) for name in ExternalMetricOut.model_fields},
            "period": row.period_key,
            "value": float(Decimal(row.value)),
        }
        for row in rows
    ]


@operation(
    "GET",
    "/insight/external-metrics",
    tag="insight",
    permission="surveys.view",
    query=MetricFilters,
    response=ExternalMetricOut,
    listing=True,
)
def list_external_metrics(query: MetricFilters):
    """Survey results you may read (HR, admin: all; a manager: their teams and below)."""
    filters = parse_results_filter(
        {name: str(value) for name, value in query.model_dump(exclude_none=True).items()}
    )
    return page_of(results_query(g.api_user, filters), items_json)


_BATCH_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ExternalMetricIn"},
                        {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": MAX_BATCH,
                            "items": {"$ref": "#/components/schemas/ExternalMetricIn"},
                        },
                    ]
                }
            }
        },
    },
    "responses": {"200": {"description": "Nothing new: every item was already stored"}},
}


def _add(problems: Problems, prefix: str, fields: dict) -> None:
    for name, messages in fields.items():
        for message in messages:
            problems.add(f"{prefix}{name}", message)


@operation(
    "POST",
    "/insight/external-metrics",
    tag="insight",
    permission="surveys.import",
    body=ExternalMetricIn,
    parse_body=False,
    response=ExternalMetrics,
    status=201,
    doc=_BATCH_SCHEMA,
)
def create_external_metrics():
    """Store survey results: one, or a list of up to 1000 (all or nothing, faults by index)."""
    body = json_body((dict, list))
    batch = isinstance(body, list)
    items = body if batch else [body]
    if batch and not items:
        raise ValidationFailed(message="Send at least one result.")
    if len(items) > MAX_BATCH:
        raise ValidationFailed(message=f"Send at most {MAX_BATCH} results at once.")
    problems, rows = Problems(), []
    for index, item in enumerate(items):
        prefix = f"{index}." if batch else ""
        if not isinstance(item, dict):
            problems.add(str(index), "Must be an object.")
            continue
        try:
            rows.append((prefix, ExternalMetricIn.model_validate(item).model_dump()))
        except ValidationError as error:
            _add(problems, "", field_problems(error, prefix))
    checked, faults = results.check_results([row for _prefix, row in rows])
    for index, fields in faults.items():
        _add(problems, rows[index][0], fields)
    problems.raise_if_any(DOES_NOT_MATCH if len(rows) < len(items) else None)
    for index, fields in results.conflicts(checked).items():
        _add(problems, rows[index][0], fields)
    problems.raise_if_any()
    saved = results.save_results(g.api_user, checked, "api")
    answer = {"items": items_json(saved.items)}  # before the commit expires them
    db.session.commit()
    return answer, 201 if saved.changed else 200
