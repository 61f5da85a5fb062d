"""Reading uploaded CSV files and writing CSV downloads, shared by every import and export.

Files come as Excel saves them where people work: separated by `,`, `;` or a tab
(`detect_delimiter`), in UTF-8 with or without a BOM, or in a Windows code page
(`decode_upload`: 1250 for Polish, 1257 for Lithuanian, 1251 for Russian). A cell that
holds several values (roles, e-mails) separates them with `|`, or with whichever of `,`
and `;` is not the file's separator (`split_values`).
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Date, DateTime, Numeric, String, case, cast, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

MAX_ROWS = 20_000
SEPARATORS = (",", ";", "\t")
VALUE_SEPARATORS = re.compile(r"[|;,]")

# The upload form's choice; "" lets `decode_upload` tell (UTF-8, or a code page for sure).
ENCODINGS = {
    "": "Detect",
    "utf-8": "UTF-8",
    "cp1250": "Windows-1250 (Polish, Central European)",
    "cp1257": "Windows-1257 (Lithuanian, Baltic)",
    "cp1251": "Windows-1251 (Russian, Cyrillic)",
}
_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_LITHUANIAN = frozenset("ąčęėįšųūžĄČĘĖĮŠŲŪŽ")
_CYRILLIC = frozenset(map(chr, [*range(0x0400, 0x0460), 0x0490, 0x0491]))
# What a code page gives when it is the right one: its language's letters, and whether
# ASCII letters may stand beside them in a word (Latin scripts) or not (Cyrillic).
_CODE_PAGES = (
    ("cp1250", _POLISH, True),
    ("cp1257", _LITHUANIAN, True),
    ("cp1251", _CYRILLIC, False),
)
_PUNCTUATION = frozenset("\u00a0«»„“”‚‘’–—…•€№°§©®™·")
_WORD_WITH_NON_ASCII = re.compile(r"[^\s,;|\"']*[^\x00-\x7f][^\s,;|\"']*")


@dataclass(frozen=True)
class RowError:
    """One bad row: the file it came from, its line number (the header is line 1) and why."""

    file: str
    line: int
    message: str


class CsvFileError(Exception):
    """The file as a whole cannot be read (encoding, header)."""

    def __init__(self, file: str, message: str):
        self.error = RowError(file, 1, message)
        super().__init__(message)


class EncodingUnsure(CsvFileError):
    """Not UTF-8, and not clearly one code page: the person has to say which it is."""

    def __init__(self, file: str):
        super().__init__(
            file,
            "We could not tell how this file is encoded. Choose its encoding (Excel in Poland "
            "saves Windows-1250, in Lithuania Windows-1257, in Russia Windows-1251) and "
            "upload it again.",
        )


def decode_upload(raw: bytes, file: str, encoding: str | None = None) -> str:
    """The file's text: UTF-8 (a BOM is fine) if it is that, else `encoding`, else a sure guess.

    Without a choice, a code page is taken only when it alone gives text in its language
    (`_reads_as`); otherwise `EncodingUnsure` asks the person to choose.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            raise CsvFileError(
                file, f"The file is not UTF-8 text (byte {error.start}). Choose its encoding."
            ) from error
    if encoding:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise CsvFileError(
                file,
                f"The file is not {ENCODINGS[encoding]} text (byte {error.start}). "
                "Choose another encoding.",
            ) from error
    readings = {
        text for name, *language in _CODE_PAGES if (text := _reads_as(raw, name, *language))
    }
    if len(readings) == 1:
        return readings.pop()
    raise EncodingUnsure(file)


def _reads_as(raw: bytes, encoding: str, letters: frozenset[str], beside_ascii: bool) -> str:
    """The text if every word with a non-ASCII character reads as the language's; else ''."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return ""
    for word in set(_WORD_WITH_NON_ASCII.findall(text)):
        ascii_letters = own_letters = False
        for char in word:
            if char.isascii():
                ascii_letters = ascii_letters or char.isalpha()
            elif char in letters:
                own_letters = True
            elif char not in _PUNCTUATION:
                return ""
        if ascii_letters and own_letters and not beside_ascii:
            return ""
    return text


def detect_delimiter(text: str) -> str:
    """The separator the header line uses most, outside quotes: `,` `;` or a tab (`,` if none)."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {separator: header.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def split_values(value: str) -> list[str]:
    """The values of a cell holding several: `a|b`, or `a,b` / `a;b` (not the file's separator)."""
    return [part.strip() for part in VALUE_SEPARATORS.split(value) if part.strip()]


def read_rows(
    text: str, file: str, required: set[str], optional: set[str]
) -> Iterator[tuple[int, dict[str, str] | None]]:
    """Yield (line number, row) with stripped values; the header must name known columns only.

    The separator is the header's (`detect_delimiter`). A row with more cells than the
    header comes as None, for the caller to report.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if not header:
        raise CsvFileError(file, "The file is empty: it needs a header row.")
    missing = required - set(header)
    unknown = set(header) - required - optional
    if missing:
        raise CsvFileError(file, f"Missing column(s): {', '.join(sorted(missing))}.")
    if unknown:
        raise CsvFileError(
            file,
            f"Unknown column(s): {', '.join(sorted(unknown))}. "
            f"Known columns: {', '.join(sorted(required | optional))}.",
        )
    reader.fieldnames = header
    for count, row in enumerate(reader, start=1):
        if count > MAX_ROWS:
            raise CsvFileError(file, f"Too many rows: at most {MAX_ROWS:,} per file.")
        if None in row:
            yield reader.line_num, None  # more cells than the header has columns
            continue
        values = {key: (value or "").strip() for key, value in row.items()}
        if not any(values.values()):
            continue  # blank lines are harmless
        yield reader.line_num, values


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_line(values: Iterable) -> str:
    """One CSV line, for streamed downloads."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(value) for value in values])
    return buffer.getvalue()


# -- CSV text made in SQL, for exports of many rows ---------------------------------------


class iso_moment(FunctionElement):
    """A naive UTC timestamp as `YYYY-MM-DDTHH:MM:SSZ` text, on SQLite and PostgreSQL alike."""

    type = String()
    name = "iso_moment"
    inherit_cache = True


@compiles(iso_moment, "sqlite")
def _iso_moment_sqlite(element, compiler, **kw):
    # SQLAlchemy stores SQLite timestamps as `YYYY-MM-DD HH:MM:SS.ffffff`: cutting that
    # text is several times cheaper than strftime's parse, row after row.
    column = compiler.process(element.clauses, **kw)
    return f"substr({column}, 1, 10) || 'T' || substr({column}, 12, 8) || 'Z'"


@compiles(iso_moment, "postgresql")
def _iso_moment_postgresql(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)
    return f"""to_char({column}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""


class two_decimals(FunctionElement):
    """A number as text with exactly two decimals (`7.50`), on SQLite and PostgreSQL alike."""

    type = String()
    name = "two_decimals"
    inherit_cache = True


@compiles(two_decimals, "sqlite")
def _two_decimals_sqlite(element, compiler, **kw):
    return f"printf('%.2f', {compiler.process(element.clauses, **kw)})"


@compiles(two_decimals, "postgresql")
def _two_decimals_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'FM999999999990.00')"


def csv_column(column):
    """`column` as the text a CSV download writes, computed by the database: timestamps
    `…Z`, dates ISO, numbers with two decimals, text defused like `safe_cell`; whole
    numbers as they are. Rows of such columns go to `csv_chunks` untouched."""
    kind = column.type
    if isinstance(kind, DateTime):
        return iso_moment(column)
    if isinstance(kind, Date):
        return cast(column, String)
    if isinstance(kind, Numeric):
        return two_decimals(column)
    if isinstance(kind, String):
        first = func.substr(column, 1, 1)
        return case((first.in_(FORMULA_STARTS), literal("'", String) + column), else_=column)
    return column


def csv_chunks(header: Iterable[str], batches: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then the CSV text of each batch of rows, as the batches arrive:
    one writer for the whole download and nothing held beyond one batch."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for rows in batches:
        writer.writerows(rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def parse_yes_no(value: str, default: bool = True) -> bool | None:
    """'yes/no/true/false/1/0' (any case); '' gives `default`; anything else None."""
    if value == "":
        return default
    lowered = value.lower()
    if lowered in {"yes", "y", "true", "1", "active"}:
        return True
    if lowered in {"no", "n", "false", "0", "inactive"}:
        return False
    return None
