"""`lichtermeer interop compat|exit|validate-register` (main(argv) never exits)."""

import json
import subprocess
import sys

from lichtermeer.engines.interop.cli import main

from .conftest import DEMO, SEED

TTS = str(DEMO / "the-things-stack" / "platform.yml")
ORION_LD = str(DEMO / "orion-ld" / "platform.yml")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_compat_prints_german_text_for_platform_files(capsys):
    assert main(["compat", TTS, ORION_LD]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "the-things-stack ↔ orion-ld: passt zusammen"
    assert out[2] == "  ✓ MQTT: the-things-stack (server 3.1.1) → orion-ld (client 3.1.1) – Gleiche Version (3.1.1)"


def test_compat_json_and_english_with_side_files(tmp_path, capsys):
    a = write(tmp_path, "a.json", {"name": "Gateway", "provides": [{"standard": "mqtt", "role": "server",
                                                                    "version": "3.1.1"}]})
    b = write(tmp_path, "b.json", {"name": "Broker", "consumes": [{"standard": "ngsi-ld", "role": "client"}],
                                   "provides": [{"standard": "made-up", "role": "server"}]})
    assert main(["compat", a, b, "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Gateway ↔ Broker: connects through an adapter" in text
    assert "Broker needs NGSI-LD; Gateway offers MQTT – Adapter: a FIWARE IoT Agent" in text
    assert "! Broker: made-up (provides)" in text
    assert main(["compat", a, b, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "adapter" and data["adapters"][0]["provider"] == "a"
    assert data["unknown"] == [{"side": "b", "standard": "made-up", "direction": "provides"}]


def test_compat_reports_bad_side_files_and_registers(tmp_path, capsys):
    bad = write(tmp_path, "bad.json", {"provides": [{"role": "server"}]})
    assert main(["compat", bad, TTS]) == 2
    err = capsys.readouterr().err
    assert "provides[0].standard" in err and "FEHLER" in err
    broken = write(tmp_path, "broken.yaml", "a: [\n")
    assert main(["compat", broken, TTS, "--lang", "en"]) == 2
    assert "broken.yaml:2:1:" in capsys.readouterr().err
    register = write(tmp_path, "register.yaml", "format: lichtermeer-standards/1\nstandards: []\n")
    assert main(["compat", TTS, ORION_LD, "--register", register]) == 2
    assert "register.yaml:2:12: standards:" in capsys.readouterr().err


def test_exit_prints_the_factors(tmp_path, capsys):
    facts = write(tmp_path, "facts.json", {"licence": "EUPL-1.2", "export_formats": ["CSV"], "reuse_count": 3,
                                           "sources": {"reuse": "inventory"}})
    assert main(["exit", facts]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Exit-Score: 50/100 (mittlere Bindung)"
    assert "Lizenz EUPL-1.2 ist OSI-anerkannt" in out[1]
    assert out[6].endswith("Von 3 Kommunen genutzt (Betrieb oder Pilot) [Quelle: inventory]")
    assert main(["exit", facts, "--weights", "open-licence=1,reuse=1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["score"] == 100 and data["total_weight"] == 2


def test_exit_rejects_bad_weights_and_facts(tmp_path, capsys):
    facts = write(tmp_path, "facts.json", {"reuse_count": "many"})
    assert main(["exit", facts]) == 2
    assert "reuse_count" in capsys.readouterr().err
    good = write(tmp_path, "good.json", {})
    assert main(["exit", good, "--weights", "vendor=3", "--lang", "en"]) == 2
    assert "Unknown factor 'vendor'" in capsys.readouterr().err


def test_validate_register(tmp_path, capsys):
    assert main(["validate-register", str(SEED), "--lang", "en"]) == 0
    assert "valid (" in capsys.readouterr().out
    bad = write(tmp_path, "bad.yaml", "format: lichtermeer-standards/1\nstandards:\n  - id: x\n")
    assert main(["validate-register", bad]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{bad}:3:5: standards[0].") and "fehlt" in first
    assert main(["validate-register", bad, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False and data["problems"][0]["line"] == 3


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["compat", TTS]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()


def test_the_engine_does_not_import_django():
    code = ("import sys, lichtermeer.engines.interop as m, lichtermeer.engines.interop.cli; "
            "m.compare; print('django' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
