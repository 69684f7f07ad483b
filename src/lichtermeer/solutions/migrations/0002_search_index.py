"""The full-text index of solutions: an FTS5 table on SQLite, a tsvector side table on PostgreSQL.

None of these is a Django model: the search module maintains them, and Django's flush leaves them alone.
solutions_search_state holds one random token that changes with every index write, so each process knows
when its cached facet bitmaps are out of date.
"""

from django.db import migrations

SQLITE = [
    # Text arrives stemmed by Python (Snowball German); the tokenizer only splits, folds case and accents.
    "CREATE VIRTUAL TABLE solutions_search USING fts5("
    "name, summary, features, body, words, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')",
    "CREATE TABLE solutions_search_state (id integer PRIMARY KEY, token varchar(32) NOT NULL)",
    "INSERT INTO solutions_search_state (id, token) VALUES (1, 'initial')",
]
POSTGRESQL = [
    "CREATE TABLE solutions_search ("
    "solution_id bigint PRIMARY KEY, document tsvector NOT NULL, words tsvector NOT NULL)",
    "CREATE INDEX solutions_search_document ON solutions_search USING GIN (document)",
    "CREATE INDEX solutions_search_words ON solutions_search USING GIN (words)",
    "CREATE TABLE solutions_search_state (id integer PRIMARY KEY, token varchar(32) NOT NULL)",
    "INSERT INTO solutions_search_state (id, token) VALUES (1, 'initial')",
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
    schema_editor.execute("DROP TABLE IF EXISTS solutions_search_state")


class Migration(migrations.Migration):
    dependencies = [
        ("solutions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
