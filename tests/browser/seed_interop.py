"""Interop data for the browser tests (called by seed.py after the municipalities and the demo catalogue are
loaded): the seed standards register and the fictional demo inventories (Ulm, Rostock, Potsdam), so solution
pages show "works with", the exit score and, for the editor (verified staff of Ulm), the comparison with Ulm's
inventory."""

import io

OPERATOR_EMAIL = "operator@browser.invalid"
OPERATOR_PASSWORD = "browser-operator-password-1"


def seed(editor) -> dict:
    from django.core.management import call_command

    from lichtermeer.accounts.demo import ensure_operator
    from lichtermeer.interop.demo import load_demo_inventories
    from lichtermeer.solutions.models import Solution

    call_command("load_standards", stdout=io.StringIO())
    load_demo_inventories()
    operator = ensure_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD)

    def slug(folder: str) -> str:
        return Solution.objects.filter(versions__source=f"demo:{folder}").values_list("slug", flat=True).first()

    return {"solution": slug("orion-ld"), "adapter_partner": slug("chirpstack"), "partner": slug("mosquitto"),
            "standard": "mqtt", "municipality": "08421000", "operator_email": operator.email,
            "operator_password": OPERATOR_PASSWORD}
