"""JSON Schemas for editors' tools: generated from the models, in sync, accepting the real data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from actionplan.commands import main
from actionplan.editing.schema import SCHEMAS, build_schema, sync_schemas

from .helpers import PROJECT, SITE_LANGUAGES


def test_schemas_and_modelines_are_up_to_date() -> None:
    assert sync_schemas(PROJECT / "data", SITE_LANGUAGES, write=False) == []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_data_file_passes_its_schema(name: str) -> None:
    _, _, pattern = SCHEMAS[name]
    schema = json.loads((PROJECT / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    files = sorted((PROJECT / "data").glob(pattern))
    assert files, pattern
    for file in files:
        data = json.loads(json.dumps(yaml.safe_load(file.read_text(encoding="utf-8")), default=str))
        assert [error.message for error in validator.iter_errors(data)] == [], file


def test_schema_speaks_german_and_names_the_allowed_values() -> None:
    schema = build_schema("measure", SITE_LANGUAGES)
    assert schema["description"] == "Eine Maßnahme des Handlungskonzepts; Dateiname = Kennung in Kleinbuchstaben."
    assert schema["properties"]["title"]["title"] == "Titel"
    assert schema["properties"]["title"]["propertyNames"] == {"enum": SITE_LANGUAGES}
    assert schema["properties"]["title"]["required"] == ["de"]
    update = schema["$defs"]["Update"]
    assert update["properties"]["status"]["enum"] == [
        "geplant", "laufend", "abgeschlossen", "verzoegert", "pausiert", "eingestellt", "zusammengefuehrt"
    ]  # fmt: skip
    assert update["properties"]["date"]["title"] == "Datum"


def test_wrong_value_is_caught_by_the_schema_too() -> None:
    schema = build_schema("measure", SITE_LANGUAGES)
    measure = yaml.safe_load((PROJECT / "data" / "measures" / "wq-03.yml").read_text(encoding="utf-8"))
    measure["updates"][0]["status"] = "fertig"
    data = json.loads(json.dumps(measure, default=str))

    assert [e.message for e in Draft202012Validator(schema).iter_errors(data)] == [
        "'fertig' is not one of ['geplant', 'laufend', 'abgeschlossen', 'verzoegert', 'pausiert', 'eingestellt', 'zusammengefuehrt']"
    ]


def test_schemas_command_fixes_then_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "projekt"
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "data" / "schema" / "actors.schema.json").unlink()
    actors = root / "data" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")  # modeline gone

    assert main(["schemas", "--root", str(root)]) == 1
    assert (
        capsys.readouterr().err
        == "Aktualisiert (bitte übernehmen):\n  data/schema/actors.schema.json\n  data/actors.yml\n"
    )
    assert main(["schemas", "--root", str(root)]) == 0
    assert capsys.readouterr().out == "Die JSON-Schemas und Modelines sind aktuell.\n"
    assert actors.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema/actors.schema.json\n")
