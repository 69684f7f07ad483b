from django.core.management.base import BaseCommand
from django.utils.text import slugify

from lichtermeer.accounts.demo import DEMO_ORGANISATION_SLUG, DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = (
        "Create (idempotently) one demo account per role: "
        "operator@, editor@, staff@, committee@demo.invalid. "
        "DEMO ONLY: they share a public password (see docs/accounts.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "organisation",
            nargs="?",
            default=DEMO_ORGANISATION_SLUG,
            help="Slug of the editor's demo company (created as a fictional company if missing).",
        )

    def handle(self, *args, organisation: str, **options):
        slug = slugify(organisation)[:100] or DEMO_ORGANISATION_SLUG
        accounts = create_demo_accounts(organisation_slug=slug)
        for role in ("operator", "editor", "staff", "committee"):
            self.stdout.write(f"{role:10} {accounts[role].email}")
        self.stdout.write(self.style.WARNING(f"DEMO ONLY – password for all: {DEMO_PASSWORD}"))
