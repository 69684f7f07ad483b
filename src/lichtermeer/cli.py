"""The `lichtermeer` console script.

    lichtermeer publiccode validate PATH... [--json] [--no-network]
    lichtermeer serve [--host H] [--port P] [--workers N] [--task-workers N]
    lichtermeer audit verify
    lichtermeer catalogue validate FILE... [--json]
    lichtermeer catalogue load [FILE]                       (default: the seed catalogue)
    lichtermeer catalogue export [--version X] [--format yaml|json] [-o FILE]
    lichtermeer catalogue diff A B [--json] [--lang de|en]  (versions, or two catalogue files)
    lichtermeer municipalities load [GV100AD_FILE] [--json]  (default: the shipped edition)
    lichtermeer municipalities stats [--json]
    lichtermeer check --catalogue VERSION|FILE [--publiccode F] [--sbom F] [--osv PATH] [--openapi F]
                      [--securitytxt F] [--a11y F] [--declarations F] [--format text|json|junit]
    lichtermeer openapi lint FILE [--json]
    lichtermeer osv import PATH...                         (OSV JSON/YAML files, directories or zip archives)
    lichtermeer dcat validate PATH... [--json]
    lichtermeer mdk classify FILE.csv [--json]
    lichtermeer mqa score FILE... [--json] [--rule share|best]
    lichtermeer harvest SOURCE [--since ISO] [--json]    (a stored source's slug, or a URL with --kind dcat|ckan)
    lichtermeer interop load [FILE]                      (the standards register; default: data/interop/standards.yaml)
    lichtermeer interop export [--format yaml|json|csv|ttl] [-o FILE]
    lichtermeer interop compat A.json B.json [--register FILE] [--json]
    lichtermeer interop exit FACTS.json [--json]
    lichtermeer ufab evaluate FILE.json
    lichtermeer tender render SPEC.json --kind leistungsbeschreibung|bewertungsmatrix --format docx|odt|pdf -o FILE
    lichtermeer manage COMMAND ...   (any Django management command)
"""

import os
import sys


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lichtermeer.settings")
    import django

    django.setup()


def manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lichtermeer.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lichtermeer manage", *argv])
    return 0


def _platform_ready() -> bool:
    """Django is usable and its database has the tables (a provider's CI usually has no platform database)."""
    try:
        _django_setup()
        from django.db import connection

        return "assessment_osvimport" in connection.introspection.table_names()
    except Exception:  # noqa: BLE001 - no settings, no database: the self-check runs without the platform
        return False


def _platform_osv_index():
    """Without --osv: the advisories imported with `lichtermeer osv import`, if there are any."""
    if not _platform_ready():
        return None
    from lichtermeer.assessment import advisories

    return advisories.current_index()


def _platform_catalogue(version: str):
    if not _platform_ready():
        return None
    from lichtermeer.requirements.selectors import get_version

    found = get_version(version)
    return found.document if found is not None else None


def catalogue(argv: list[str]) -> int:
    sub, rest = (argv[0], argv[1:]) if argv else ("", [])
    files_only = sub == "diff" and len([a for a in rest if not a.startswith("-")]) == 2 and all(
        os.path.isfile(a) for a in rest if not a.startswith("-")
    )
    if sub == "validate" or files_only:
        from lichtermeer.engines.catalogue.cli import main as catalogue_main

        return catalogue_main(argv)
    commands = {"load": "load_catalogue", "export": "catalogue_export", "diff": "catalogue_diff"}
    if sub not in commands:
        print(f"unknown catalogue command {sub!r}\n{__doc__}", file=sys.stderr)
        return 2
    return manage([commands[sub], *rest])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "publiccode":
        from lichtermeer.engines.publiccode.cli import main as publiccode_main

        return publiccode_main(rest)
    if command == "manage":
        return manage(rest)
    if command == "audit" and rest[:1] == ["verify"]:
        return manage(["verify_audit_log", *rest[1:]])
    if command == "catalogue":
        return catalogue(rest)
    if command == "municipalities":
        commands = {"load": "load_municipalities", "stats": "municipality_stats"}
        if not rest or rest[0] not in commands:
            print(f"unknown municipalities command {rest[:1]}\n{__doc__}", file=sys.stderr)
            return 2
        return manage([commands[rest[0]], *rest[1:]])
    engines = {
        "check": "lichtermeer.engines.checks.cli",
        "openapi": "lichtermeer.engines.checks.openapi.cli",
        "dcat": "lichtermeer.engines.dcat.cli",
        "mdk": "lichtermeer.engines.mdk.cli",
        "mqa": "lichtermeer.engines.mqa.cli",
        "ufab": "lichtermeer.engines.ufab.cli",
        "tender": "lichtermeer.engines.tender.cli",
    }
    if command in engines:
        import importlib

        module = importlib.import_module(engines[command])
        if command == "check":
            module.default_osv_index = _platform_osv_index
            module.published_catalogue = _platform_catalogue
        return module.main(rest)
    if command == "interop":
        # Stored register: load/export through Django; the pure engine (compat, exit) for files.
        if rest[:1] in (["load"], ["export"]):
            return manage([{"load": "load_standards", "export": "export_standards"}[rest[0]], *rest[1:]])
        from lichtermeer.engines.interop.cli import main as interop_main

        return interop_main(rest)
    if command == "harvest":
        # A stored source by slug goes through the register (stored, validated, scored, classified); a URL is
        # harvested by the engine alone and printed.
        if rest and not rest[0].startswith(("http://", "https://", "-")):
            return manage(["harvest", *rest])
        from lichtermeer.engines.harvest.cli import main as harvest_main

        return harvest_main(rest)
    if command == "osv":
        if rest[:1] != ["import"]:
            print(f"unknown osv command {rest[:1]}\n{__doc__}", file=sys.stderr)
            return 2
        return manage(["osv_import", *rest[1:]])
    if command == "serve":
        from lichtermeer.serve import main as serve_main

        return serve_main(rest)
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
