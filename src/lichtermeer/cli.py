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
    if command == "serve":
        from lichtermeer.serve import main as serve_main

        return serve_main(rest)
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
