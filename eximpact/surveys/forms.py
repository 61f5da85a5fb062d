"""The survey results upload form: it parses the file field; the importer decides the rules."""

from flask_wtf.file import FileAllowed, FileField, FileRequired

from eximpact.forms import CsvImportForm


class SurveyImportForm(CsvImportForm):
    results_file = FileField(
        "Survey results CSV",
        validators=[
            FileRequired("Choose a file."),
            FileAllowed(["csv", "txt"], "Upload a .csv file."),
        ],
        description="Columns: team, period, metric, value, n, and optionally source, external_id.",
    )
