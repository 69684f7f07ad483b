"""Reading OSV records from files, directories and zip archives, safely (hostile input, zip bombs)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from lichtermeer.engines.checks.vulnerabilities import Limits, OsvIndex, RecordProblem, iter_records, read_records

PYPA = Path(__file__).parent / "data" / "osv" / "osv-pypi" / "vulns"
JINJA2 = sorted((PYPA / "jinja2").glob("*.yaml"))


def test_it_reads_a_yaml_record_without_converting_timestamps():
    items = list(iter_records(PYPA / "jinja2" / "PYSEC-2014-8.yaml"))
    assert len(items) == 1 and not isinstance(items[0], RecordProblem)
    record = items[0].record
    assert record["id"] == "PYSEC-2014-8"
    assert record["modified"] == "2021-07-05T00:01:22.043149Z"  # a string, not a datetime
    assert record["published"] == "2014-05-19T14:55:00Z"


def test_it_reads_json_records_and_lists_of_records(tmp_path):
    one = {"id": "OSV-1", "modified": "2024-05-01T00:00:00Z", "affected": []}
    (tmp_path / "one.json").write_text(json.dumps(one))
    (tmp_path / "all.json").write_text(json.dumps([{**one, "id": "OSV-2"}, {**one, "id": "OSV-3"}]))
    batch = read_records(tmp_path)
    assert sorted(record["id"] for record in batch.records) == ["OSV-1", "OSV-2", "OSV-3"]
    assert batch.snapshot == "2024-05-01"


def test_it_reports_unreadable_records_and_goes_on(tmp_path):
    (tmp_path / "a").mkdir()
    for path in JINJA2[:2]:
        (tmp_path / "a" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "broken.yaml").write_text("id: X\nmodified: [unclosed\n")
    (tmp_path / "not-a-record.json").write_text('{"name": "package.json"}')
    (tmp_path / "odd-affected.json").write_text('{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": ["a"]}')
    (tmp_path / "latin1.yaml").write_bytes("id: Ä\n".encode("latin-1"))
    (tmp_path / "python.yaml").write_text("id: !!python/object/apply:os.system ['true']\nmodified: x\n")
    (tmp_path / "README.md").write_text("not a record")
    (tmp_path / ".id-allocator").write_text("1")
    batch = read_records(tmp_path)
    assert len(batch.records) == 2
    problems = {problem.source: problem.text for problem in batch.problems}
    assert set(problems) == {"broken.yaml", "not-a-record.json", "odd-affected.json", "latin1.yaml", "python.yaml"}
    assert "not UTF-8" in problems["latin1.yaml"].en and "kein UTF-8" in problems["latin1.yaml"].de
    assert batch.skipped == 2
    records, found = read_records(tmp_path)  # unpacks like a pair, for callers that store records
    assert len(records) == 2 and str(found[0]).startswith("broken.yaml cannot be read")


def test_it_refuses_yaml_anchors_so_an_alias_bomb_cannot_explode(tmp_path):
    bomb = ["id: BOMB-1", "modified: 2024-01-01T00:00:00Z", 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 12):  # 9^12 strings once expanded
        bomb.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join([f"*{chr(96 + level)}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb) + "\n")
    items = list(iter_records(tmp_path / "bomb.yaml"))
    assert len(items) == 1 and isinstance(items[0], RecordProblem)
    assert "anchors/aliases" in items[0].text.en


def test_it_caps_the_size_of_a_record(tmp_path):
    (tmp_path / "big.json").write_text(json.dumps({"id": "BIG", "modified": "2024-01-01T00:00:00Z",
                                                   "details": "x" * 5000}))
    items = list(iter_records(tmp_path / "big.json", limits=Limits(max_record_bytes=1000)))
    assert isinstance(items[0], RecordProblem) and "at most 1000" in items[0].text.en


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_it_imports_a_zip_archive_of_records(tmp_path):
    members = {f"{path.stem}.yaml": path.read_bytes() for path in JINJA2}
    members["nested/README.md"] = b"skip me"
    members["inner.zip"] = b"PK\x05\x06" + bytes(18)
    archive = _zip(tmp_path / "all.zip", members)
    batch = read_records(archive)
    assert len(batch.records) == len(JINJA2) == 5 and not batch.problems and batch.skipped == 2
    index = OsvIndex.from_path(archive)
    assert [m.id for m in index.match("PyPI", "Jinja2", "2.7.1")] == [
        "PYSEC-2014-8", "PYSEC-2014-82", "PYSEC-2019-217", "PYSEC-2019-220", "PYSEC-2021-66"]
    assert index.snapshot == max(record["modified"] for record in batch.records)[:10]


def test_it_refuses_a_zip_bomb_before_unpacking_it(tmp_path):
    # 40 MiB of spaces deflate to ~40 KiB: ratio ~1000, and the one entry exceeds the per-record cap.
    archive = _zip(tmp_path / "bomb.zip", {"PYSEC-0000-1.json": b" " * (40 * 1024 * 1024),
                                           "PYSEC-2014-8.yaml": JINJA2[0].read_bytes()})
    items = list(iter_records(archive))
    assert len(items) == 1 and isinstance(items[0], RecordProblem)
    assert "zip bomb" in items[0].text.en and "ZIP-Bombe" in items[0].text.de


def test_it_refuses_an_oversized_entry_but_reads_the_others(tmp_path):
    archive = _zip(tmp_path / "mixed.zip", {"huge.json": json.dumps({"id": "H", "modified": "2024-01-01T00:00:00Z",
                                                                     "details": "y" * 50_000}).encode(),
                                            **{path.name: path.read_bytes() for path in JINJA2[:3]}})
    batch = read_records(archive, limits=Limits(max_record_bytes=20_000, max_ratio=1000))
    assert len(batch.records) == 3
    assert [problem.source for problem in batch.problems] == ["mixed.zip:huge.json"]


def test_it_caps_entries_and_total_size_of_an_archive(tmp_path):
    archive = _zip(tmp_path / "many.zip", {path.name: path.read_bytes() for path in JINJA2})
    assert "5 entries" in read_records(archive, limits=Limits(max_entries=3)).problems[0].text.en
    assert read_records(archive, limits=Limits(max_total_bytes=1000)).records == []


def test_it_reports_a_file_that_is_neither_record_nor_archive(tmp_path):
    (tmp_path / "fake.zip").write_bytes(b"PK\x03\x04 truncated")
    assert isinstance(next(iter_records(tmp_path / "fake.zip")), RecordProblem)
    assert isinstance(next(iter_records(tmp_path / "missing")), RecordProblem)


def test_it_keeps_the_newest_version_of_a_record_that_occurs_twice(tmp_path):
    old = {"id": "OSV-1", "modified": "2024-01-01T00:00:00Z", "summary": "old"}
    (tmp_path / "a.json").write_text(json.dumps({**old, "modified": "2024-03-01T00:00:00Z", "summary": "new"}))
    (tmp_path / "b.json").write_text(json.dumps(old))
    assert [record["summary"] for record in read_records(tmp_path).records] == ["new"]
