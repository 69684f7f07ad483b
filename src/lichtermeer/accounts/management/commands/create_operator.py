import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from lichtermeer.accounts.demo import ensure_operator
from lichtermeer.audit import services as audit

PASSWORD_ENV = "LICHTERMEER_OPERATOR_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = (
        "Create or update an operator account (staff, not superuser, verified e-mail, group 'operator'). "
        f"Password from ${PASSWORD_ENV}, else prompted; --no-password keeps the existing one."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--no-password", action="store_true", help="Do not set or change the password.")

    def handle(self, *args, email: str, no_password: bool, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        password = None if no_password else self._password()
        if password is not None:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        user = ensure_operator(email, password)
        audit.record(action="operator.ensured", obj=user, data={"email": user.email})
        self.stdout.write(self.style.SUCCESS(f"Operator {user.email} is ready."))

    def _password(self) -> str:
        password = os.environ.get(PASSWORD_ENV)
        if password:
            return password
        if not self.stdin_is_interactive():
            raise CommandError(f"Set {PASSWORD_ENV} or run interactively (or pass --no-password).")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin.isatty()
