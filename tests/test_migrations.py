"""Migrations: upgrading an empty database reaches the models exactly; downgrading undoes it all."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from eximpact import create_app
from eximpact.extensions import db
from tests.conftest import config_for, separate_database


@pytest.fixture
def empty_database_url(tmp_path, database_url):
    """A database of its own, so the shared test schema is never touched."""
    with separate_database(database_url, "migrations", tmp_path) as url:
        yield url


def test_upgrade_from_empty_matches_the_models_and_downgrade_removes_everything(empty_database_url):
    app = create_app(config_for(empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations differ: {differences}"

        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()

        upgrade()  # and back up again: the chain works both ways
        assert "person" in inspect(db.engine).get_table_names()
        db.engine.dispose()
