"""The full-text index of solutions: an FTS5 table on SQLite, a tsvector side table on PostgreSQL.

None of these is a Django model: the search module maintains them, and Django's flush leaves them alone.
solutions_search_log lists the solutions whose index entry changed, so that every process can patch its
cached facet bitmaps instead of rebuilding them.
"""

from django.db import migrations

SQLITE = [
    # Text arrives stemmed by Python (Snowball German); the tokenizer only splits, folds case and accents.
    "CREATE VIRTUAL TABLE solutions_search USING fts5("
    "name, summary, features, body, words, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')",
    "CREATE TABLE solutions_search_log ("
    "seq integer PRIMARY KEY AUTOINCREMENT, solution_id bigint NOT NULL, token varchar(32) NOT NULL)",
]
POSTGRESQL = [
    "CREATE TABLE solutions_search ("
    "solution_id bigint PRIMARY KEY, document tsvector NOT NULL, words tsvector NOT NULL)",
    "CREATE INDEX solutions_search_document ON solutions_search USING GIN (document)",
    "CREATE INDEX solutions_search_words ON solutions_search USING GIN (words)",
    "CREATE TABLE solutions_search_log ("
    "seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, solution_id bigint NOT NULL, token varchar(32) NOT NULL)",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor)
    if statements is None:
        raise RuntimeError(f"full-text search supports SQLite and PostgreSQL, not {vendor}")
    for statement in statements:
        schema_editor.execute(statement)
    from lichtermeer.solutions.search import rebuild_index

    rebuild_index(
        solutions=apps.get_model("solutions", "Solution").objects.all(), connection_=schema_editor.connection
    )


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS solutions_search")
    schema_editor.execute("DROP TABLE IF EXISTS solutions_search_log")


class Migration(migrations.Migration):
    dependencies = [
        ("solutions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
