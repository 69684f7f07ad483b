import pytest
from django.conf import settings
from django.core.management import call_command

from lichtermeer.solutions.demo import load_demo
from lichtermeer.solutions.models import Solution, SolutionVersion

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_loads_completely_and_idempotently():
    first = load_demo(settings.DEMO_DATA_DIR)
    assert first.errors == []
    assert first.solutions_created >= 40
    versions = SolutionVersion.objects.count()

    second = load_demo(settings.DEMO_DATA_DIR)
    assert second.errors == []
    assert second.solutions_created == second.solutions_updated == 0
    assert second.solutions_unchanged == first.solutions_created
    assert SolutionVersion.objects.count() == versions


def test_real_and_fictional_entries_are_told_apart():
    load_demo(settings.DEMO_DATA_DIR)
    fictional = Solution.objects.filter(is_demo=True)
    assert fictional.count() >= 5
    assert all(s.organisation.is_demo for s in fictional)
    assert Solution.objects.filter(is_demo=False).count() >= 35


def test_the_command_loads_demo_accounts_too(capsys):
    call_command("load_demo")
    assert "solutions:" in capsys.readouterr().out
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email="operator@demo.invalid").exists()


def test_every_demo_solution_survives_export_and_reimport_unchanged():
    from lichtermeer.solutions import services

    load_demo(settings.DEMO_DATA_DIR)
    for solution in Solution.objects.select_related("organisation"):
        exported = services.export_publiccode(solution)
        again = services.import_solution(
            content=exported, organisation=solution.organisation, facts=services.platform_facts(solution)
        )
        assert not again.changed, solution.slug
        assert again.solution.publiccode == solution.publiccode
