import datetime as dt
import json
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Periodic work (started hourly by `lichtermeer serve`): the admission lifecycle and the harvest sources "
            "whose schedule is due. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args, **options):
        from lichtermeer.assessment import lifecycle
        from lichtermeer.dataregister.tasks import enqueue_due

        while True:
            report = lifecycle.run_daily(today=options["today"])
            report["harvest_runs_queued"] = enqueue_due()
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            if not options["every"]:
                return
            time.sleep(options["every"])
