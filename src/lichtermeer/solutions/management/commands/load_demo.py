from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from lichtermeer.solutions.demo import load_demo


class Command(BaseCommand):
    help = "Load reference and demo data (organisations, solutions, demo accounts). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.DEMO_DATA_DIR))
        parser.add_argument("--no-accounts", action="store_true", help="skip the demo user accounts")

    def handle(self, *args, directory, no_accounts, **options):
        report = load_demo(Path(directory))
        self.stdout.write(
            f"organisations: {report.organisations_created} created, {report.organisations_updated} updated; "
            f"solutions: {report.solutions_created} created, {report.solutions_updated} updated, "
            f"{report.solutions_unchanged} unchanged"
        )
        if not no_accounts:
            call_command("demo_accounts", verbosity=options.get("verbosity", 1))
            from lichtermeer.requirements.demo import load_demo_committee

            seats = load_demo_committee()
            self.stdout.write(f"committee: {', '.join(seat.user.email for seat in seats)}")
            from lichtermeer.assessment.demo import load_demo_assessments

            counts = load_demo_assessments()
            self.stdout.write("assessments (demo): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            from lichtermeer.dataregister.demo import load_demo_register

            counts = load_demo_register()
            self.stdout.write(f"register (demo, recorded 2021): {counts['sources']} sources, "
                              f"{counts['datasets']} datasets")
            from lichtermeer.municipalities.demo import load_demo_staff

            town = load_demo_staff()
            if town is not None:
                self.stdout.write(f"staff@demo.invalid also acts for {town.name} ({town.ags}), demo only")
            from lichtermeer.interop.demo import load_demo_inventories

            counts = load_demo_inventories()
            if counts["municipalities"]:
                self.stdout.write(f"inventories (demo, fictional): {counts['municipalities']} municipalities, "
                                  f"{counts['entries']} entries and {counts['platforms']} platforms added")
        if report.errors:
            raise CommandError("demo data has errors:\n" + "\n".join(report.errors))
