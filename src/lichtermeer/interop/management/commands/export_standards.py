import sys

from django.core.management import BaseCommand

from lichtermeer.interop import exports


class Command(BaseCommand):
    help = ("Export the whole standards register (retired standards included): yaml/json in the register file's "
            "format (loadable with load_standards), csv (one row per standard), ttl (a SKOS concept scheme).")

    def add_arguments(self, parser):
        parser.add_argument("--format", default="yaml", choices=sorted(exports.FORMATS))
        parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")

    def handle(self, *args, format: str, output: str, **options):  # noqa: A002 - the option is called --format
        data = exports.render(format)
        if output == "-":
            stream = getattr(self.stdout, "_out", sys.stdout)
            buffer = getattr(stream, "buffer", None)
            if buffer is not None:
                stream.flush()
                buffer.write(data)
                buffer.flush()
            else:
                stream.write(data.decode("utf-8"))
            return
        with open(output, "wb") as handle:
            handle.write(data)
        self.stderr.write(f"wrote {len(data)} bytes to {output}")
