"""A schemathesis check of ours: the API never refuses, as malformed, what its document allows.

The built-in `positive_data_acceptance` accepts a 422 (see schemathesis.toml): the
services' rules answer schema-valid requests with 422. A 422 raised by the declaration
itself says so in its message, and that one is a real disagreement between the parser
and the document.
"""

import schemathesis
from schemathesis.specs.openapi.checks import is_unexpected_http_status_case

from eximpact.api.declare import DOES_NOT_MATCH


@schemathesis.check
def parser_accepts_what_the_document_allows(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    if is_unexpected_http_status_case(case):
        return None
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return None
    if message == DOES_NOT_MATCH:
        raise AssertionError(
            "The document allows this request but the parser refused it: " + response.text[:500]
        )
    return None
