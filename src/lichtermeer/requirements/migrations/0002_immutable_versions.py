"""Published catalogue versions and their requirements cannot be changed or deleted, in the database itself.

Votes and decisions are also never updated or deleted: they are the record of the committee's work.
"""

from django.db import migrations

TABLES = [
    "requirements_catalogueversion",
    "requirements_requirementrevision",
    "requirements_vote",
    "requirements_decision",
]


def _sqlite(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END;""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END;""",
    ]


def _postgres(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION requirements_refuse_change();"""
    ]


POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION requirements_refuse_change() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '% is immutable', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql;"""


def forwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(POSTGRES_FUNCTION, params=None)  # no placeholders: "%" is PL/pgSQL
    for table in TABLES:
        for sql in _postgres(table) if postgres else _sqlite(table):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        if postgres:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")
    if postgres:
        schema_editor.execute("DROP FUNCTION IF EXISTS requirements_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("requirements", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
