import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from lichtermeer.audit import services
from lichtermeer.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_chains_entries():
    first = services.record(action="test.one", data={"n": 1})
    second = services.record(action="test.two", data={"n": 2})
    assert first.prev_hash == services.GENESIS
    assert second.prev_hash == first.hash
    assert services.verify_chain() == []


def test_it_refuses_updates_through_the_orm():
    entry = services.record(action="test.one")
    entry.action = "tampered"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_the_database_refuses_update_and_delete():
    services.record(action="test.one")
    table = AuditEntry._meta.db_table
    for sql in (f"UPDATE {table} SET action = 'x'", f"DELETE FROM {table}"):  # noqa: S608 (constant table name)
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get().action == "test.one"


def test_it_detects_a_forged_entry():
    services.record(action="test.one")
    forged = AuditEntry(action="forged", prev_hash="f" * 64, hash="e" * 64, at=AuditEntry.objects.get().at)
    forged.save()
    assert services.verify_chain() == [forged.id]


def test_the_verify_command_reports_an_intact_log(capsys):
    services.record(action="test.one")
    call_command("verify_audit_log")
    assert "intact: 1" in capsys.readouterr().out
