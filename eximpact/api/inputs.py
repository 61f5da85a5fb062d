"""Reading typed fields out of a JSON body, collecting every problem before answering.

The API checks types and shapes here; the rules of the domain (end not before
start, at most 24 hours a day …) live in the feature's services, which the pages
call too. A field that is absent is left out of `values`, so PATCH can send only
what changes.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from eximpact.validation import MAX_INTEGER, Problems, fits_column

__all__ = ["MAX_INTEGER", "MISSING", "Fields", "fits_column"]

MISSING = object()
MAX_NUMBER = Decimal(10) ** 12


class Fields:
    """Typed getters over one JSON object; `prefix` names a batch item (`"2."`)."""

    def __init__(self, body: dict, prefix: str = "", partial: bool = False):
        self.body = body
        self.prefix = prefix
        self.partial = partial  # PATCH: nothing is required
        self.problems = Problems()
        self.values: dict = {}

    # -- plumbing --------------------------------------------------------------------------

    def _raw(self, name: str, required: bool):
        if name not in self.body:
            if required and not self.partial:
                self.problems.add(self.prefix + name, "This field is required.")
            return MISSING
        return self.body[name]

    def _keep(self, name: str, value):
        self.values[name] = value
        return value

    def problem(self, name: str, message: str) -> None:
        self.problems.add(self.prefix + name, message)

    def raise_if_any(self) -> None:
        self.problems.raise_if_any()

    # -- getters ---------------------------------------------------------------------------

    def string(self, name: str, required=False, max_length=None, allow_empty=True):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if raw is None:
            if required:
                self.problem(name, "This field is required.")
                return MISSING
            return self._keep(name, None)
        if not isinstance(raw, str):
            self.problem(name, "Must be a string.")
            return MISSING
        value = raw.strip()
        if not value and (required or not allow_empty):
            self.problem(name, "Must not be empty.")
            return MISSING
        if max_length and len(value) > max_length:
            self.problem(name, f"Use at most {max_length} characters.")
            return MISSING
        return self._keep(name, value)

    def integer(self, name: str, required=False, nullable=True):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if raw is None and nullable and not required:
            return self._keep(name, None)
        if isinstance(raw, bool) or not isinstance(raw, int) or not fits_column(raw):
            self.problem(name, "Must be a whole number.")
            return MISSING
        return self._keep(name, raw)

    def decimal(self, name: str, required=False, places=2):
        """A number given as a JSON number or a numeric string, with at most `places` decimals."""
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if raw is None and not required:
            return self._keep(name, None)
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            self.problem(name, "Must be a number.")
            return MISSING
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.problem(name, "Must be a number.")
            return MISSING
        if not value.is_finite() or abs(value) >= MAX_NUMBER:
            self.problem(name, "Must be a number below a trillion.")
            return MISSING
        if value != value.quantize(Decimal(1).scaleb(-places)):
            self.problem(name, f"Use at most {places} decimals.")
            return MISSING
        return self._keep(name, value)

    def boolean(self, name: str, required=False):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if not isinstance(raw, bool):
            self.problem(name, "Must be true or false.")
            return MISSING
        return self._keep(name, raw)

    def date(self, name: str, required=False):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if raw is None and not required:
            return self._keep(name, None)
        if not isinstance(raw, str):
            self.problem(name, "Must be a date written YYYY-MM-DD.")
            return MISSING
        try:
            return self._keep(name, date.fromisoformat(raw))
        except ValueError:
            self.problem(name, "Must be a date written YYYY-MM-DD.")
            return MISSING

    def choice(self, name: str, choices, required=False):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if raw not in choices:
            self.problem(name, f"Use one of: {', '.join(choices)}.")
            return MISSING
        return self._keep(name, raw)

    def id_list(self, name: str, required=False):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if not isinstance(raw, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) and fits_column(item)
            for item in raw
        ):
            self.problem(name, "Must be a list of ids.")
            return MISSING
        return self._keep(name, list(dict.fromkeys(raw)))

    def object_list(self, name: str, required=False):
        raw = self._raw(name, required)
        if raw is MISSING:
            return MISSING
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.problem(name, "Must be a list of objects.")
            return MISSING
        return raw
