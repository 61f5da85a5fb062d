"""A fresh schema built by the real migrations, for the suite and the benchmark.

Both need an empty database whose tables are exactly what `flask db upgrade` makes,
so neither builds tables another way (`db.create_all` would hide a missing migration).
"""

from flask_migrate import upgrade
from sqlalchemy import text

from eximpact.extensions import db


def reset_database(app) -> None:
    """Drop everything, then build the schema with the real migrations."""
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
        db.engine.dispose()
