import datetime as dt
import json
import time

from django.core.management.base import BaseCommand

from lichtermeer.assessment import lifecycle


class Command(BaseCommand):
    help = ("Daily admission lifecycle: re-assess after a catalogue version takes effect, end transition periods, "
            "expire admissions, send reminders.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds (used by `lichtermeer serve`)")

    def handle(self, *args, **options):
        while True:
            report = lifecycle.run_daily(today=options["today"])
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            if not options["every"]:
                return
            time.sleep(options["every"])
