"""`lichtermeer audit verify` passes on a clean database and names the entry that was altered or deleted."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from catalogue_support import committee, load_seed
from lichtermeer.audit.models import AuditEntry
from lichtermeer.cli import main as cli

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


def _without_triggers(sql: str, params=()) -> None:
    """Tamper the way someone with database access would: switch the triggers off first (rolled back after)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # user triggers off (needs a superuser)
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


@pytest.fixture
def governed_log():
    load_seed()
    committee(2)
    return list(AuditEntry.objects.order_by("id"))


def test_it_passes_on_a_clean_database(capsys, governed_log):
    assert cli(["audit", "verify"]) == 0
    assert f"intact: {len(governed_log)} entries" in capsys.readouterr().out


def test_it_names_an_altered_entry(governed_log):
    victim = governed_log[1]
    forged = '{"affiliation": "forged"}'
    _without_triggers(f"UPDATE {TABLE} SET data = %s WHERE id = %s", [forged, victim.id])  # noqa: S608
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_log")
    assert f"#{victim.id} ({victim.action}" in str(error.value)


def test_it_names_the_entry_after_a_deleted_one(governed_log):
    victim, successor = governed_log[1], governed_log[2]
    _without_triggers(f"DELETE FROM {TABLE} WHERE id = %s", [victim.id])  # noqa: S608 (constant table name)
    with pytest.raises(CommandError) as error:
        call_command("verify_audit_log")
    assert f"#{successor.id} ({successor.action}" in str(error.value)
    assert "missing or altered predecessor" in str(error.value)
