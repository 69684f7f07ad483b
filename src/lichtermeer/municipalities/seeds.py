"""Reference groupings shipped with the platform: the 73 Modellprojekte Smart Cities (data/municipal/)."""

from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from .models import Grouping, Kreis, Municipality


@transaction.atomic
def load_model_projects(path: Path) -> dict:
    """Create or update one grouping per project; members are the lead and partners that have a Gemeinde AGS.
    A Landkreis lead is named (with its key) but has no municipality row. Idempotent."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    municipalities = {m.ags: m for m in Municipality.objects.all()}
    kreise = {k.ags: k for k in Kreis.objects.all()}
    counts = {"projects": 0, "certain": 0, "members": 0, "unresolved_keys": []}
    for project in data["projects"]:
        lead = project["lead"]
        lead_town = municipalities.get(lead.get("ags") or "")
        lead_label = lead["name"]
        if lead.get("ags") and len(lead["ags"]) == 5 and lead["ags"] in kreise:
            lead_label = f"{lead['name']} ({lead['ags']})"
        grouping, _ = Grouping.objects.update_or_create(
            slug=slugify(f"mpsc-{project['round']}-{project['name']}")[:120],
            defaults={
                "kind": Grouping.Kind.MODEL_PROJECT,
                "name": project["name"],
                "round": project["round"],
                "operator": lead_town,
                "operator_name": "" if lead_town else lead_label,
                "certain": bool(project.get("certain")),
                "source_note": (project.get("source") or "")[:500],
            },
        )
        members = []
        for body in [lead, *(project.get("partners") or [])]:
            key = body.get("ags")
            if key and len(key) == 8:
                if key in municipalities:
                    members.append(municipalities[key])
                else:
                    counts["unresolved_keys"].append(key)
        grouping.members.set(members)
        counts["projects"] += 1
        counts["certain"] += grouping.certain
        counts["members"] += len(members)
    return counts
