"""The one flow of every CSV import, for the import pages and the command line.

Upload (or read) the files → decode them (`csvio.decode_upload`: UTF-8 or the chosen
or detected code page) → the feature's importer checks them as a whole → either every
bad row is listed under the person's own file name and nothing is stored, or the
import is committed once and its summary shown. Each importer returns a result with
`ok`, `errors` (`csvio.RowError`, named by the importer's file names) and `summary`.
"""

from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Protocol

import click
from flask import flash, redirect, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from eximpact.csvio import ENCODINGS, CsvFileError, EncodingUnsure, RowError, decode_upload
from eximpact.extensions import db

FILE_NAME_LENGTH = 120
CONFLICT = (
    "Another import stored some of these rows a moment ago, so nothing of this upload was "
    "saved. Upload it again: rows already there are matched, not stored twice."
)


class ImportResult(Protocol):
    errors: list[RowError]

    @property
    def ok(self) -> bool: ...

    @property
    def summary(self) -> str: ...


Importer = Callable[[dict[str, str]], ImportResult]


def import_page(
    form: FlaskForm,
    template: str,
    files: Mapping[str, object],
    run: Importer,
    *,
    conflict: str = CONFLICT,
    check: Callable[[set[str]], str | None] | None = None,
):
    """The import view: `files` maps the importer's file names to the form's file fields.

    `check(chosen file names)` may refuse the upload as a whole (a message above the
    form); `conflict` is said when a concurrent import stored the same rows first (409).
    """
    errors: list[RowError] = []
    if form.validate_on_submit():
        chosen = {name: f.data for name, f in files.items() if f.data and f.data.filename}
        shown = {name: user_file_name(upload.filename, name) for name, upload in chosen.items()}
        problem = (check(set(chosen)) if check else None) or ("" if chosen else "Choose a file.")
        if problem:
            form.form_errors.append(problem)
        else:
            texts = {}
            for name, upload in chosen.items():
                try:
                    texts[name] = decode_upload(upload.read(), shown[name], form.encoding.data)
                except EncodingUnsure as error:
                    form.encoding.errors.append(f"{shown[name]}: {error.error.message}")
                except CsvFileError as error:
                    errors.append(error.error)
            if texts and not errors and not form.encoding.errors:
                result = run(texts)
                if result.ok:
                    try:
                        db.session.commit()
                    except IntegrityError:
                        db.session.rollback()
                        form.form_errors.append(conflict)
                        return render_template(template, form=form, errors=[]), 409
                    flash(result.summary, "success")
                    return redirect(request.path)
                db.session.rollback()
                errors = [_as_shown(error, shown) for error in result.errors]
    failed = errors or form.errors or form.form_errors
    return render_template(template, form=form, errors=errors), 422 if failed else 200


def user_file_name(uploaded: str | None, fallback: str) -> str:
    """The name of the person's file as they know it (no folders), to name it in errors."""
    name = PurePosixPath((uploaded or "").replace("\\", "/")).name.strip()
    return name[:FILE_NAME_LENGTH] or fallback


def _as_shown(error: RowError, shown: Mapping[str, str]) -> RowError:
    return RowError(shown.get(error.file, error.file), error.line, error.message)


encoding_option = click.option(
    "--encoding",
    type=click.Choice([name for name in ENCODINGS if name]),
    default=None,
    help="The files' encoding when they are not UTF-8 and it cannot be told from them.",
)


def run_import_command(
    paths: Mapping[str, Path | None], encoding: str | None, run: Importer
) -> None:
    """`flask … import`: the same reading and checking as the page; errors as `file:line: why`."""
    texts, shown = {}, {}
    for name, path in paths.items():
        if path is None:
            continue
        shown[name] = path.name
        try:
            texts[name] = decode_upload(path.read_bytes(), path.name, encoding)
        except CsvFileError as error:
            hint = " Give it with --encoding." if isinstance(error, EncodingUnsure) else ""
            raise click.ClickException(f"{path.name}: {error.error.message}{hint}") from error
    result = run(texts)
    if not result.ok:
        db.session.rollback()
        for error in result.errors:
            shown_error = _as_shown(error, shown)
            click.echo(f"{shown_error.file}:{shown_error.line}: {shown_error.message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s): nothing was imported.")
    db.session.commit()
    click.echo(result.summary)
