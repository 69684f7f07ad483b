from django.core.management import BaseCommand, CommandError

from lichtermeer.audit.models import AuditEntry
from lichtermeer.audit.services import chain_breaks


class Command(BaseCommand):
    help = "Check that the audit log's hash chain is intact."

    def handle(self, *args, **options):
        breaks = chain_breaks()
        if breaks:
            lines = [f"#{e.id} ({e.action}, {e.at:%Y-%m-%d %H:%M:%S}): {reason}" for e, reason in breaks]
            more = f"\n… and {len(lines) - 50} more" if len(lines) > 50 else ""
            raise CommandError("audit chain broken at entries:\n" + "\n".join(lines[:50]) + more)
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries")
