"""Evidence, check results and reviews are written once: the database refuses updates and deletes."""

from django.db import migrations

TABLES = ["assessment_evidenceblob", "assessment_evidence", "assessment_checkresult", "assessment_review"]


def forwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        if postgres:
            # requirements_refuse_change() is created by the requirements app's 0002 migration.
            schema_editor.execute(f"""CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION requirements_refuse_change();""")
        else:
            schema_editor.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END;""")
            schema_editor.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END;""")


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        if postgres:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial"), ("requirements", "0002_immutable_versions")]
    operations = [migrations.RunPython(forwards, backwards)]
