"""Listing-status facets written before the assessment workflow went through `set_listing_status` could name the
old status (search then filtered on it); set them from the solutions' own status once."""

from django.db import migrations


def resync(apps, schema_editor):
    Solution = apps.get_model("solutions", "Solution")
    SolutionFacet = apps.get_model("solutions", "SolutionFacet")
    stale = SolutionFacet.objects.filter(facet="listing_status")
    statuses = dict(Solution.objects.values_list("id", "listing_status"))
    for facet in stale.iterator():
        wanted = statuses.get(facet.solution_id)
        if wanted and facet.value != wanted:
            facet.value = wanted
            facet.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("solutions", "0002_search_index")]
    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
