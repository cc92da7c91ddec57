"""`python -m actionplan new`: measures, quarters, places and events from commented templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan.commands import main
from actionplan.editing.scaffold import next_measure_id, reserved_measure_ids, suggest_slug
from actionplan.plan.errors import PlanErrors
from actionplan.plan.model import Event, Measure, MeetingPlace, Quarter
from actionplan.plan.yamlsource import load_yaml

from .test_cli import make_project

TODAY = "2026-11-21"
OTHERS = ("en", "ar", "fa", "uk", "tr", "ru")  # the site's languages besides German (mkdocs.yml)
TRANSLATE = f"  5. Übersetzungen ({', '.join(OTHERS)}): in den Zeilen „# en:“ usw. das „# “ entfernen und den Text dahinter schreiben – was fehlt, zeigt make translations."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_project(tmp_path / "projekt")


def new(root: Path, *args: str) -> int:
    return main(["new", *args, "--root", str(root), "--date", TODAY])


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `check` and return its output; fail with the report if the data is not valid."""
    capsys.readouterr()
    code = main(["check", "--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


# ---- Measures


def test_new_measure_gets_the_next_id_and_passes_the_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "measure", "--field", "WQ") == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "Angelegt: data/measures/wq-03.yml – Maßnahme WQ-03 im Handlungsfeld „wohnen-quartier“",
        "Als Nächstes:",
        "  1. Titel und Kurzbeschreibung (title, summary) auf Deutsch schreiben – dort steht „Bitte ausfüllen: …“.",
        "  2. Ziele, Leitsätze, Qualitätsmerkmale, Quartiere und Partner eintragen; die Kommentare in der Datei nennen, was erlaubt ist.",
        "  3. Federführung (lead) prüfen – eingetragen ist vorläufig „stabsstelle-integration“.",
        "  4. Beginn (start) prüfen, Ende (due), Meilensteine, Indikatoren und Budget eintragen, soweit bekannt.",
        TRANSLATE,
        "  6. Prüfen: make check",
    ]
    assert check(root, capsys).startswith("Alles in Ordnung: 4 Maßnahmen in 2 Handlungsfeldern")


def test_new_measure_has_every_key_of_the_model_in_order_with_defaults_that_validate(root: Path) -> None:
    assert new(root, "measure", "--field", "wohnen-quartier") == 0
    path = root / "data" / "measures" / "wq-03.yml"
    source, errors = load_yaml(path, "wq-03.yml")

    assert errors == []
    assert source is not None
    assert list(source.data) == list(Measure.model_fields)
    measure = Measure.model_validate(source.data, context={"languages": ["de", *OTHERS]})
    assert (measure.id, measure.field, str(measure.start), measure.quarters, measure.lead) == (
        "WQ-03",
        "wohnen-quartier",
        "2026-11",
        ["alle"],
        "stabsstelle-integration",
    )
    assert [(str(u.date), u.status, u.progress, u.note) for u in measure.updates] == [
        ("2026-11-21", "geplant", 0, {"de": "Die Maßnahme ist in Vorbereitung."})
    ]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/measure.schema.json\n")
    assert (
        '\ntitle:\n  de: "Bitte ausfüllen: Titel der Maßnahme"\n  # en:\n  # ar:\n  # fa:\n  # uk:\n  # tr:\n  # ru:\n'
        in text
    )
    assert "#   WQ-Z1 – Anlaufstellen in jedem Quartier\n#   WQ-Z2 – Bezahlbarer Wohnraum\n" in text
    assert "#   nordstadt – Nordstadt\n#   suedstadt – Südstadt\n" in text
    assert "\n# Kennung: Kürzel des Handlungsfelds und laufende Nummer." in text


def test_field_by_lower_case_prefix(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "measure", "--field", "sb") == 0
    assert capsys.readouterr().out.startswith("Angelegt: data/measures/sb-02.yml – Maßnahme SB-02 im Handlungsfeld")


def test_two_new_measures_in_a_row(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "measure", "--field", "WQ") == 0
    assert new(root, "measure", "--field", "WQ") == 0
    assert (root / "data" / "measures" / "wq-04.yml").is_file()
    assert check(root, capsys).startswith("Alles in Ordnung: 5 Maßnahmen")


def test_ids_of_removed_and_published_measures_are_never_reused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = root / "data"
    (data / "removed.yml").write_text(
        "# Entfernte Maßnahmen\n- id: WQ-07\n  reason: ersetzt\n- id: SB-04\n", encoding="utf-8"
    )
    (data / "snapshots").mkdir()
    snapshot = {"version": "2026.1", "measures": [{"id": "WQ-01"}, {"id": "WQ-09"}, {"id": "TD-12"}]}
    (data / "snapshots" / "2026.1.json").write_text(json.dumps(snapshot), encoding="utf-8")

    assert reserved_measure_ids(data) == {"SB-01", "WQ-01", "WQ-02", "WQ-07", "SB-04", "WQ-09", "TD-12"}
    assert next_measure_id(data, "WQ") == "WQ-10"
    assert next_measure_id(data, "SB") == "SB-05"
    assert next_measure_id(data, "GS") == "GS-01"
    assert new(root, "measure", "--field", "WQ") == 0
    assert capsys.readouterr().out.startswith("Angelegt: data/measures/wq-10.yml – Maßnahme WQ-10")


def test_reserved_ids_without_removed_file_or_snapshots(root: Path) -> None:
    assert reserved_measure_ids(root / "data") == {"SB-01", "WQ-01", "WQ-02"}


def test_a_measure_file_with_a_mistake_still_reserves_its_id(root: Path) -> None:
    (root / "data" / "measures" / "wq-05.yml").write_text("id: WQ-05\ntitle: [\n", encoding="utf-8")
    assert next_measure_id(root / "data", "WQ") == "WQ-06"


def test_three_digit_ids_keep_their_width(root: Path) -> None:
    (root / "data" / "removed.yml").write_text("- id: WQ-099\n", encoding="utf-8")
    assert next_measure_id(root / "data", "WQ") == "WQ-100"


def test_no_free_id_left(root: Path) -> None:
    (root / "data" / "removed.yml").write_text("- id: WQ-999\n", encoding="utf-8")
    with pytest.raises(PlanErrors) as caught:
        next_measure_id(root / "data", "WQ")
    assert [str(e) for e in caught.value.errors] == [
        "data/measures: für das Kürzel „WQ“ ist keine Kennung mehr frei (höchstens WQ-999)"
    ]


def test_unreadable_removed_file_and_snapshot_refuse(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = root / "data"
    (data / "removed.yml").write_text("- id: WQ-07\n\t- id: WQ-08\n", encoding="utf-8")
    (data / "snapshots").mkdir()
    (data / "snapshots" / "2026.1.json").write_text('{"measures": [\n  {"id": "WQ-01"},\n]}\n', encoding="utf-8")
    (data / "snapshots" / "2026.2.json").write_text('{"measures": {"WQ-01": {}}}\n', encoding="utf-8")

    assert new(root, "measure", "--field", "WQ") == 1

    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "Nichts angelegt:"
    assert lines[1].startswith("  data/removed.yml:2")
    assert "YAML-Syntaxfehler" in lines[1]
    assert lines[2:] == [
        "  data/snapshots/2026.1.json:3: kein gültiges JSON (Expecting value)",
        "  data/snapshots/2026.2.json:1: measures: ein veröffentlichter Stand muss ein JSON-Objekt mit „measures“ sein: eine Liste von Objekten mit „id“",
    ]
    assert not (data / "measures" / "wq-03.yml").exists()


def test_removed_file_must_be_a_list(root: Path) -> None:
    (root / "data" / "removed.yml").write_text("id: WQ-07\n", encoding="utf-8")
    with pytest.raises(PlanErrors) as caught:
        reserved_measure_ids(root / "data")
    assert [str(e) for e in caught.value.errors] == [
        "data/removed.yml:1: die Datei muss eine Liste von Einträgen („- id: …“) enthalten"
    ]


FIELDS = "WQ oder wohnen-quartier, SB oder sprache-bildung"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["measure", "--field", "XY"],
            f"--field: Handlungsfeld „XY“ gibt es nicht in data/fields.yml (erlaubt: {FIELDS})",
        ),
        (["measure", "--field", ""], f"--field: bitte ein Handlungsfeld angeben (erlaubt: {FIELDS})"),
        (["measure"], f"--field: bitte ein Handlungsfeld angeben (erlaubt: {FIELDS})"),
        (
            ["measure", "--field", "WQ", "--id", "WQ-07"],
            "--id: eine neue Maßnahme bekommt ihre Kennung automatisch (die nächste freie ihres Handlungsfelds) – bitte nur --field angeben",
        ),
        (
            ["quarter", "--id", "neustadt", "--field", "WQ"],
            "--field: gilt nur für „new measure“; hier bitte nur --id angeben",
        ),
    ],
)
def test_wrong_arguments_are_refused(
    root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*"))

    assert new(root, *args) == 1

    out, err = capsys.readouterr()
    assert (out, err) == ("", f"Nichts angelegt:\n  {message}\n")
    assert sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*")) == before


def test_missing_fields_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "data" / "fields.yml").unlink()
    assert new(root, "measure", "--field", "WQ") == 1
    assert capsys.readouterr().err == "Nichts angelegt:\n  data/fields.yml: die Datei fehlt\n"


def test_bad_date_option(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["new", "measure", "--field", "WQ", "--root", str(root), "--date", "21.11.2026"])
    assert caught.value.code == 2
    assert "„21.11.2026“ ist kein gültiges Datum (erlaubt: JJJJ-MM-TT, z. B. 2026-09-01)" in capsys.readouterr().err


def test_missing_mkdocs_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "measure", "--field", "WQ", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("mkdocs.yml: die Datei fehlt")


# ---- Quarters, places, events

KINDS = {
    "quarter": ("quarters.yml", Quarter, "Quartier"),
    "place": ("places.yml", MeetingPlace, "Begegnungsort"),
    "event": ("events.yml", Event, "Veranstaltung"),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_entry_is_appended_and_passes_the_check(root: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    file, model, noun = KINDS[kind]
    path = root / "data" / file
    if kind == "place":
        path.write_text(
            "# Begegnungsorte\n- id: treff\n  name: Treff\n  quarter: nordstadt\n  address: Markt 1\n"
            "  opening_hours: {de: immer}\n  step_free: true\n  accessibility: {de: ja}\n  offers: {de: Café}",
            encoding="utf-8",
        )  # no line end at the end of the file
    before = path.read_bytes() if path.exists() else b""

    assert new(root, kind, "--id", "neu-2027") == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Angelegt: data/{file} – {noun} „neu-2027“ am Ende der Datei angefügt"
    assert out[-2:] == [TRANSLATE.replace("  5.", f"  {len(out) - 3}."), f"  {len(out) - 2}. Prüfen: make check"]
    after = path.read_bytes()
    assert after.startswith(before)
    source, errors = load_yaml(path, file)
    assert errors == []
    assert source is not None
    entry = source.data[-1]
    assert entry["id"] == "neu-2027"
    assert list(entry) == list(model.model_fields)
    assert check(root, capsys).startswith("Alles in Ordnung")


def test_new_quarter_text(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / "data" / "quarters.yml"
    before = path.read_text(encoding="utf-8")

    assert new(root, "quarter", "--id", "neustadt") == 0

    added = path.read_text(encoding="utf-8").removeprefix(before)
    assert added.startswith(
        "\n# Quartier „neustadt“, angelegt am 2026-11-21. Texte mit „Bitte ausfüllen“ ersetzen; übersetzen:\n"
        "# in der Zeile „# en:“ usw. das „# “ entfernen und den Text dahinter schreiben. Danach: make check\n"
        "# Kennung: Kleinbuchstaben, Ziffern, Bindestriche; Adresse der Seite: /quartiere/<kennung>/ – nicht mehr ändern.\n"
        "- id: neustadt\n"
        "  # Name (Pflicht), wie er in der Stadt gebräuchlich ist. Beispiel: Südstadt\n"
        "  name:\n"
        '    de: "Bitte ausfüllen: Name des Quartiers"\n'
        "    # en:\n"
    )
    assert "  contact:\n    # name: Vorname Nachname\n    # role:\n" in added
    assert capsys.readouterr().out.splitlines()[1:4] == [
        "Als Nächstes:",
        "  1. Name und Kurzbeschreibung (name, summary) auf Deutsch schreiben – dort steht „Bitte ausfüllen: …“.",
        "  2. Die Ansprechperson vor Ort (contact) eintragen, sobald es sie gibt.",
    ]


def test_new_place_in_a_new_file_gets_the_modeline_and_the_first_quarter(root: Path) -> None:
    path = root / "data" / "places.yml"
    assert not path.exists()

    assert new(root, "place", "--id", "stadtteiltreff") == 0

    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [
        "# yaml-language-server: $schema=schema/places.schema.json",
        "# Begegnungsorte: Räume, in denen sich Menschen im Quartier treffen.",
    ]
    assert "  quarter: nordstadt" in lines
    assert "  #   suedstadt – Südstadt" in lines
    assert "  step_free: false" in lines


def test_new_event_is_dated_today(root: Path) -> None:
    assert new(root, "event", "--id", "forum-2027") == 0
    text = (root / "data" / "events.yml").read_text(encoding="utf-8")
    assert "  kind: forum\n" in text
    assert "  start: 2026-11-21 18:00\n  end: 2026-11-21 20:00\n" in text


def test_new_quarter_says_where_the_inventory_needs_a_value(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figure = (
        "- id: einwohner\n  title: {de: Einwohner}\n  unit: {de: Personen}\n  date: 2025-12\n"
        "  source: {de: Melderegister}\n  total: 3\n  values:\n    nordstadt: 1\n    suedstadt: 2\n"
    )
    (root / "data" / "inventory.yml").write_text(figure + figure.replace("einwohner", "kinder"), encoding="utf-8")

    assert new(root, "quarter", "--id", "neustadt") == 0

    assert capsys.readouterr().out.splitlines()[4] == (
        "  3. Bestandsaufnahme: jede Kennzahl nennt einen Wert für jedes Quartier – in data/inventory.yml unter "
        "„values“ (Zeile 7, 16) den Wert für „neustadt“ eintragen; bis dahin meldet make check einen Fehler."
    )


def test_new_quarter_says_it_needs_its_boundary_and_streets(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "data" / "quarters.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    (root / "data" / "streets.yml").write_text("- name: Am Markt\n  quarter: nordstadt\n", encoding="utf-8")

    assert new(root, "quarter", "--id", "neustadt") == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[4] == (
        '  3. Karte: in data/quarters.geojson die Grenze des Quartiers als Fläche mit `"properties": {"id": "neustadt"}` '
        "ergänzen (etwa mit geojson.io oder QGIS, siehe data/README.md); bis dahin meldet make check einen Fehler."
    )
    assert lines[5] == (
        "  4. Straßenverzeichnis: in data/streets.yml die Straßen des Quartiers mit „quarter: neustadt“ eintragen – "
        "und bei Straßen, die die neue Grenze kreuzt, die Hausnummern unter „sections“ aufteilen."
    )


@pytest.mark.parametrize(
    ("kind", "slug", "message"),
    [
        (
            "quarter",
            "Süd Stadt",
            "--id: „Süd Stadt“ ist keine gültige Kennung (erlaubt: Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. stadtteiltreff-nordstadt) – Vorschlag: „sued-stadt“",
        ),
        (
            "event",
            "forum--2027",
            "--id: „forum--2027“ ist keine gültige Kennung (erlaubt: Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. stadtteiltreff-nordstadt) – Vorschlag: „forum-2027“",
        ),
        (
            "place",
            "",
            "--id: bitte eine Kennung angeben (erlaubt: Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. stadtteiltreff-nordstadt)",
        ),
        (
            "quarter",
            "suedstadt",
            "data/quarters.yml:9: [1].id: Quartier „suedstadt“ gibt es schon – bitte eine andere Kennung wählen (vergeben: nordstadt, suedstadt)",
        ),
        (
            "quarter",
            "alle",
            "--id: „alle“ steht für die ganze Stadt und ist als Kennung eines Quartiers nicht erlaubt",
        ),
    ],
)
def test_bad_or_taken_ids_are_refused(
    root: Path, capsys: pytest.CaptureFixture[str], kind: str, slug: str, message: str
) -> None:
    path = root / "data" / KINDS[kind][0]
    before = path.read_bytes() if path.exists() else None

    assert new(root, kind, "--id", slug) == 1

    assert capsys.readouterr() == ("", f"Nichts angelegt:\n  {message}\n")
    assert (path.read_bytes() if path.exists() else None) == before


def test_taken_event_id(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "event", "--id", "forum") == 0
    capsys.readouterr()
    assert new(root, "event", "--id", "forum") == 1
    err = capsys.readouterr().err
    assert err == (
        "Nichts angelegt:\n  data/events.yml:6: [0].id: Veranstaltung „forum“ gibt es schon – bitte eine andere "
        "Kennung wählen (vergeben: forum)\n"
    )


def test_place_needs_a_quarter(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "data" / "quarters.yml").write_text("# noch keine\n", encoding="utf-8")
    assert new(root, "place", "--id", "treff") == 1
    assert capsys.readouterr().err == (
        "Nichts angelegt:\n  data/quarters.yml: es gibt noch kein Quartier – ein Begegnungsort gehört zu einem "
        "Quartier (zuerst: make new-quarter ID=…)\n"
    )


def test_broken_target_file_is_reported_not_touched(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / "data" / "quarters.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: x\n\tname: y\n", encoding="utf-8")
    before = path.read_bytes()

    assert new(root, "quarter", "--id", "neustadt") == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Nichts angelegt:"
    assert err[1].startswith("  data/quarters.yml:")
    assert "Tabulatoren sind nicht erlaubt" in err[1]
    assert path.read_bytes() == before


def test_flow_list_cannot_be_appended_to(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / "data" / "events.yml"
    path.write_text("[]\n", encoding="utf-8")

    assert new(root, "event", "--id", "forum") == 1

    assert capsys.readouterr().err == (
        "Nichts angelegt:\n  data/events.yml: der neue Eintrag lässt sich nicht ans Ende anfügen – die Liste muss "
        "ein Eintrag je Zeile „- id: …“ sein, nicht in eckigen Klammern\n"
    )
    assert path.read_text(encoding="utf-8") == "[]\n"


def test_file_that_is_not_a_list(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "data" / "events.yml").write_text("id: forum\n", encoding="utf-8")
    assert new(root, "event", "--id", "fest") == 1
    assert capsys.readouterr().err == (
        "Nichts angelegt:\n  data/events.yml:1: die Datei muss eine Liste von Einträgen („- id: …“) enthalten\n"
    )


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Süd Stadt", "sued-stadt"),
        ("Straße_der_Einheit", "strasse-der-einheit"),
        ("Café 2027!", "cafe-2027"),
        ("!!", ""),
    ],
)
def test_suggest_slug(typed: str, suggested: str) -> None:
    assert suggest_slug(typed) == suggested
