from django.core.management import BaseCommand, CommandError

from lichtermeer.audit.models import AuditEntry
from lichtermeer.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check that the audit log's hash chain is intact."

    def handle(self, *args, **options):
        broken = verify_chain()
        if broken:
            raise CommandError(f"audit chain broken at entries: {', '.join(map(str, broken[:50]))}")
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries")
