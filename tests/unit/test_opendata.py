"""Open data under daten/: JSON with its schema, CSV for everyone and for German Excel, a workbook,
a Frictionless Data Package and a DCAT-AP.de description – consistent, and the same bytes every time."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from actionplan.editing.spreadsheet.export import workbook_bytes as editors_workbook
from actionplan.outputs.opendata import Download, format_size, licence_errors, open_data, page_context
from actionplan.plan.loading import load_plan
from actionplan.plan.model import Measure, Release
from actionplan.plan.plan import Plan
from actionplan.plan.texts import load_labels
from actionplan.site.markers import Marker
from actionplan.site.pages import Site
from actionplan.site.render import Renderer, make_environment

from .helpers import FIXTURES, LANGUAGES, PLAN_DIR, PROJECT, SITE_LANGUAGES, TEMPLATES

SITE_URL = "https://integration.musterstadt.example/"
FILES = [
    "handlungskonzept.json",
    "handlungskonzept.schema.json",
    "massnahmen.csv",
    "massnahmen-excel.csv",
    "aktualisierungen.csv",
    "aktualisierungen-excel.csv",
    "indikatoren.csv",
    "indikatoren-excel.csv",
    "handlungskonzept.xlsx",
    "datapackage.json",
    "dcat.rdf",
]
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
ATTRIBUTION = "Stadt Musterstadt: Handlungskonzept Integration, Entwurf, Stand 01.10.2026"


def copy_with_site(target: Path, site_yml: Path = FIXTURES / "opendata" / "site.yml") -> Path:
    """The small test plan (de, en, ar) with a data/site.yml: publisher, licence, portal ids."""
    shutil.copytree(PLAN_DIR, target)
    shutil.copyfile(site_yml, target / "site.yml")
    return target


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    data = copy_with_site(tmp_path_factory.mktemp("opendata") / "data")
    return load_plan(data, data.parent, LANGUAGES)


@pytest.fixture(scope="module")
def files(plan: Plan) -> dict[str, Download]:
    return {d.name: d for d in open_data(plan, None, SITE_URL, load_labels(), editors_workbook)}


@pytest.fixture(scope="module")
def sample() -> Plan:
    return load_plan(PROJECT / "data", PROJECT, SITE_LANGUAGES)


def text(download: Download) -> str:
    return download.content.decode(download.encoding or "utf-8")


def rows(download: Download) -> list[list[str]]:
    delimiter = ";" if download.name.endswith("-excel.csv") else ","
    return list(csv.reader(io.StringIO(text(download), newline=""), delimiter=delimiter))


def adopted(version: str = "2026.1") -> Release:
    return Release.model_validate(
        {
            "version": version,
            "date": "2026-02-26",
            "state": "beschlossen",
            "resolution": {"body": "Rat der Stadt Musterstadt", "date": "2026-02-26", "reference": "2026/014"},
            "summary": {"de": "Erste Fassung."},
        },
        context={"languages": LANGUAGES},
    )


# ---- The set of files


def test_every_file_in_the_order_the_page_lists_them(files: dict[str, Download]) -> None:
    assert list(files) == FILES
    assert {d.path for d in files.values()} == {f"daten/{name}" for name in FILES}


def test_no_open_data_without_site_information(tmp_path: Path) -> None:
    data = shutil.copytree(PLAN_DIR, tmp_path / "data")
    plan = load_plan(data, tmp_path, LANGUAGES)
    assert open_data(plan, None, SITE_URL, load_labels(), editors_workbook) == []


def test_same_data_same_bytes(plan: Plan, files: dict[str, Download], tmp_path: Path) -> None:
    data = copy_with_site(tmp_path / "data")
    again = open_data(load_plan(data, tmp_path, LANGUAGES), None, SITE_URL, load_labels(), editors_workbook)
    assert [(d.name, d.content) for d in again] == [(d.name, d.content) for d in files.values()]


def test_the_dates_come_from_the_data_never_from_the_clock(files: dict[str, Download]) -> None:
    # the draft's date is its newest update (WQ-01, 2026-10-01); the zip entries carry a fixed date
    with zipfile.ZipFile(io.BytesIO(files["handlungskonzept.xlsx"].content)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 10, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]+)<", core) == [
        ("created", "2026-10-01T00:00:00Z"),
        ("modified", "2026-10-01T00:00:00Z"),
    ]
    assert json.loads(files["handlungskonzept.json"].content)["date"] == "2026-10-01"
    assert json.loads(files["datapackage.json"].content)["created"] == "2026-10-01T00:00:00Z"


# ---- JSON and its schema


def validator(files: dict[str, Download]) -> Draft202012Validator:
    schema = json.loads(files["handlungskonzept.schema.json"].content)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_json_validates_against_its_schema(files: dict[str, Download]) -> None:
    document = json.loads(files["handlungskonzept.json"].content)
    assert [error.message for error in validator(files).iter_errors(document)] == []


def test_the_whole_sample_validates_against_its_schema(sample: Plan) -> None:
    downloads = {d.name: d for d in open_data(sample, None, SITE_URL, load_labels(), editors_workbook)}
    document = json.loads(downloads["handlungskonzept.json"].content)
    assert [error.message for error in validator(downloads).iter_errors(document)] == []
    assert len(document["measures"]) == len(sample.measures)
    assert document["languages"] == SITE_LANGUAGES


def test_schema_rejects_what_the_data_does_not_allow(files: dict[str, Download]) -> None:
    document = json.loads(files["handlungskonzept.json"].content)
    document["measures"][1]["updates"][0]["status"] = "fertig"
    document["measures"][1]["colour"] = "rot"
    assert sorted(error.message for error in validator(files).iter_errors(document)) == [
        "'fertig' is not one of ['geplant', 'laufend', 'abgeschlossen', 'verzoegert', 'pausiert', 'eingestellt', 'zusammengefuehrt']",
        "Additional properties are not allowed ('colour' was unexpected)",
    ]


def test_json_header(files: dict[str, Download]) -> None:
    document = json.loads(files["handlungskonzept.json"].content)
    header = {key: document[key] for key in list(document)[:9]}
    assert header == {
        "title": {"de": "Handlungskonzept Integration", "en": "Integration action plan", "ar": "خطة العمل للاندماج"},
        "description": header["description"],
        "publisher": {
            "name": {"de": "Stadt Musterstadt", "en": "Town of Musterstadt", "ar": "مدينة موسترشتات"},
            "address": "Rathausplatz 1, 12345 Musterstadt",
            "email": "integration@musterstadt.example",
            "phone": None,
            "url": "https://www.musterstadt.example/",
        },
        "version": None,
        "state": "entwurf",
        "date": "2026-10-01",
        "resolution": None,
        "licence": {
            "name": {
                "de": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                "en": "Data licence Germany – attribution – version 2.0",
            },
            "url": "https://www.govdata.de/dl-de/by-2-0",
            "id": LICENCE,
            "attribution": ATTRIBUTION,
        },
        "languages": ["de", "en", "ar"],
    }
    assert list(document)[9:] == [
        "fields",
        "principles",
        "quality_criteria",
        "actors",
        "quarters",
        "measures",
        "removed",
    ]


def test_a_measure_with_every_field_its_address_and_current_state(files: dict[str, Download]) -> None:
    measures = json.loads(files["handlungskonzept.json"].content)["measures"]
    assert [m["id"] for m in measures] == ["SB-01", "WQ-01", "WQ-02"]
    wq01 = measures[1]
    assert list(wq01) == [*Measure.model_fields, "url", "current", "feed", "calendar", "badge", "card"]
    assert wq01["url"] == SITE_URL + "massnahmen/wq-01/"
    assert wq01["feed"] == {
        "de": SITE_URL + "massnahmen/wq-01/aktualisierungen.xml",
        "en": SITE_URL + "en/massnahmen/wq-01/aktualisierungen.xml",
        "ar": SITE_URL + "ar/massnahmen/wq-01/aktualisierungen.xml",
    }
    assert wq01["calendar"]["ar"] == SITE_URL + "ar/massnahmen/wq-01/termine.ics"
    assert measures[0]["calendar"] is None  # SB-01: no due date, no milestones, no events
    assert wq01["badge"]["en"] == SITE_URL + "en/massnahmen/wq-01/status.svg"
    assert wq01["card"]["de"] == SITE_URL + "massnahmen/wq-01/karte.html"
    document = json.loads(files["handlungskonzept.json"].content)
    assert document["fields"][0]["feed"]["en"] == SITE_URL + "en/handlungskonzept/wohnen-quartier/aktualisierungen.xml"
    assert document["quarters"][0]["feed"]["de"] == SITE_URL + "quartiere/nordstadt/aktualisierungen.xml"
    assert wq01["current"] == {"status": "laufend", "progress": 45, "date": "2026-10-01"}
    assert (wq01["start"], wq01["due"], wq01["merged_into"]) == ("2026-03", "2027-12", None)
    assert wq01["milestones"][0] == {
        "title": {"de": "Kooperationsvertrag geschlossen", "en": "Cooperation agreement signed"},
        "due": "2026-06",
        "done": "2026-06-30",
    }
    indicator = wq01["indicators"][0]
    assert indicator["baseline"] == {"date": "2025-12", "value": 140, "source": "Jahresbericht 2025"}
    assert [v["value"] for v in indicator["values"]] == [165, 1390.5]  # whole numbers stay whole
    assert wq01["budget"] == {
        "amount": 410000,
        "currency": "EUR",
        "source": {"de": "Städtischer Haushalt (jährlicher Betrag)", "en": "Municipal budget (annual amount)"},
        "secured": True,
    }
    assert [u["date"] for u in wq01["updates"]] == ["2026-02-26", "2026-04-23", "2026-10-01"]


def test_texts_in_the_sites_language_order(tmp_path: Path) -> None:
    data = copy_with_site(tmp_path / "data")
    measure = data / "measures" / "sb-01.yml"
    source = measure.read_text(encoding="utf-8")
    title = re.search(r"title:\n  de: .*\n  en: .*\n", source)
    assert title is not None
    de, en = title[0].splitlines()[1:]
    measure.write_text(source.replace(title[0], f"title:\n{en}\n{de}\n"), encoding="utf-8")
    downloads = open_data(load_plan(data, tmp_path, LANGUAGES), None, SITE_URL, load_labels(), editors_workbook)
    assert list(json.loads(downloads[0].content)["measures"][0]["title"]) == ["de", "en"]


def test_an_adopted_release(plan: Plan) -> None:
    downloads = {d.name: d for d in open_data(plan, adopted(), SITE_URL + "2026.1/", load_labels(), editors_workbook)}
    document = json.loads(downloads["handlungskonzept.json"].content)
    assert (document["version"], document["state"], document["date"]) == ("2026.1", "beschlossen", "2026-02-26")
    assert document["resolution"] == {
        "body": "Rat der Stadt Musterstadt",
        "date": "2026-02-26",
        "reference": "2026/014",
        "council": None,  # its record in the council information system, where the data names one
    }
    assert (
        document["licence"]["attribution"]
        == "Stadt Musterstadt: Handlungskonzept Integration, Version 2026.1 vom 26.02.2026"
    )
    assert document["measures"][0]["url"] == SITE_URL + "2026.1/massnahmen/sb-01/"
    assert json.loads(downloads["datapackage.json"].content)["version"] == "2026.1"
    assert [error.message for error in validator(downloads).iter_errors(document)] == []


# ---- CSV


def record_ends(download: Download) -> list[str]:
    """The line ends between records (outside quoted fields)."""
    unquoted = re.sub(r'"(?:[^"]|"")*"', "", text(download))
    return re.findall(r"\r?\n|\r", unquoted)


def test_csv_follows_rfc_4180(files: dict[str, Download]) -> None:
    for name in ("massnahmen.csv", "aktualisierungen.csv", "indikatoren.csv"):
        assert not files[name].content.startswith(b"\xef\xbb\xbf"), name
        assert record_ends(files[name]) == ["\r\n"] * len(rows(files[name])), name
        assert rows(files[name])[0][0] in ("id", "measure"), name


def test_csv_round_trip(plan: Plan, files: dict[str, Download]) -> None:
    measures = list(csv.DictReader(io.StringIO(text(files["massnahmen.csv"]), newline="")))
    assert [row["id"] for row in measures] == [m.id for m in plan.measures]
    wq01 = measures[1]
    assert {key: wq01[key] for key in ("title_de", "title_en", "title_ar", "goals", "quality_criteria")} == {
        "title_de": "Eine feste Kümmerin für jedes Quartier",
        "title_en": "A permanent community worker for every neighbourhood",
        "title_ar": "",
        "goals": "WQ-Z1, SB-Z1",
        "quality_criteria": "1, 6",
    }
    assert wq01["description_de"] == plan.measures_by_id["WQ-01"].description["de"]  # type: ignore[index]
    assert {key: wq01[key] for key in ("status", "progress", "last_update", "start", "due", "budget_amount")} == {
        "status": "laufend",
        "progress": "45",
        "last_update": "2026-10-01",
        "start": "2026-03",
        "due": "2027-12",
        "budget_amount": "410000",
    }
    assert (wq01["budget_secured"], measures[2]["merged_into"], measures[2]["budget_secured"]) == ("true", "WQ-01", "")

    updates = list(csv.DictReader(io.StringIO(text(files["aktualisierungen.csv"]), newline="")))
    assert len(updates) == sum(len(m.updates) for m in plan.measures)
    assert updates[1] == {
        "measure": "WQ-01",
        "date": "2026-02-26",
        "status": "geplant",
        "progress": "0",
        "note_de": "Der Rat hat die Maßnahme beschlossen.",
        "note_en": "The council adopted the measure.",
        "note_ar": "",
        "source": "Ratsbeschluss, Drucksache 2026/014",
    }

    readings = list(csv.reader(io.StringIO(text(files["indikatoren.csv"]), newline="")))
    assert readings == [
        ["measure", "indicator", "indicator_title_de", "unit_de", "kind", "date", "value", "source"],
        ["WQ-01", "1", "Kontakte in den Quartiersbüros", "Kontakte pro Monat", "ausgangswert", "2025-12", "140", "Jahresbericht 2025"],
        ["WQ-01", "1", "Kontakte in den Quartiersbüros", "Kontakte pro Monat", "messwert", "2026-06", "165", ""],
        ["WQ-01", "1", "Kontakte in den Quartiersbüros", "Kontakte pro Monat", "messwert", "2026-10", "1390.5", "https://gwa.musterstadt.example/statistik"],
        ["WQ-01", "1", "Kontakte in den Quartiersbüros", "Kontakte pro Monat", "zielwert", "2027-12", "700", ""],
    ]  # fmt: skip


def test_excel_variant_bom_semicolons_crlf_decimal_comma_german_dates(files: dict[str, Download]) -> None:
    for name in ("massnahmen", "aktualisierungen", "indikatoren"):
        raw = files[f"{name}-excel.csv"].content
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert record_ends(files[f"{name}-excel.csv"]) == ["\r\n"] * len(rows(files[f"{name}.csv"])), name
        plain, excel = rows(files[f"{name}.csv"]), rows(files[f"{name}-excel.csv"])
        assert excel[0] == plain[0], name
        assert len(excel) == len(plain), name
    readings = rows(files["indikatoren-excel.csv"])
    assert readings[3] == [
        "WQ-01", "1", "Kontakte in den Quartiersbüros", "Kontakte pro Monat", "messwert", "10.2026", "1390,5",
        "https://gwa.musterstadt.example/statistik",
    ]  # fmt: skip
    assert files["indikatoren-excel.csv"].content.splitlines()[0] == (
        b"\xef\xbb\xbfmeasure;indicator;indicator_title_de;unit_de;kind;date;value;source"
    )
    measures = {row[0]: row for row in rows(files["massnahmen-excel.csv"])}
    header = measures["id"]
    wq01 = dict(zip(header, measures["WQ-01"], strict=True))
    assert (wq01["last_update"], wq01["start"], wq01["budget_secured"]) == ("01.10.2026", "03.2026", "ja")
    updates = rows(files["aktualisierungen-excel.csv"])
    assert updates[2][:4] == ["WQ-01", "26.02.2026", "geplant", "0"]


# ---- Data Package


def check_cell(value: str, field: dict[str, Any]) -> str | None:
    """What is wrong with a cell by its Table Schema field, or None."""
    constraints = field.get("constraints", {})
    if value == "":
        return "required" if constraints.get("required") else None
    kind = field["type"]
    try:
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value.replace(field.get("decimalChar", "."), "."))
            if field.get("decimalChar", ".") == "," and "." in value:
                return "decimal point"
        elif kind == "date":
            dt.datetime.strptime(value, field.get("format", "%Y-%m-%d"))
        elif kind == "boolean" and value not in field["trueValues"] + field["falseValues"]:
            return "boolean"
    except ValueError:
        return kind
    if "enum" in constraints and value not in constraints["enum"]:
        return "enum"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return "pattern"
    return None


@pytest.mark.parametrize("which", ["test plan", "sample"])
def test_datapackage_is_consistent(which: str, files: dict[str, Download], sample: Plan) -> None:
    downloads = (
        files
        if which == "test plan"
        else {d.name: d for d in open_data(sample, None, "", load_labels(), editors_workbook)}
    )
    package = json.loads(downloads["datapackage.json"].content)
    assert [r["path"] for r in package["resources"]] == FILES[:-2]  # all but itself and the DCAT file made after it
    assert len({r["name"] for r in package["resources"]}) == len(package["resources"])
    for resource in package["resources"]:
        download = downloads[resource["path"]]
        assert resource["bytes"] == download.size
        assert resource["hash"] == "sha256:" + hashlib.sha256(download.content).hexdigest()
        assert resource["mediatype"] == download.mediatype
        if download.name.endswith(".csv"):
            assert resource["encoding"] == ("utf-8-sig" if "-excel" in download.name else "utf-8")
            assert resource["dialect"]["delimiter"] == (";" if "-excel" in download.name else ",")
            table = rows(download)
            fields = resource["schema"]["fields"]
            assert table[0] == [field["name"] for field in fields], download.name
            problems = [
                (download.name, number, field["name"], cell, check_cell(cell, field))
                for number, row in enumerate(table[1:], start=2)
                for cell, field in zip(row, fields, strict=True)
                if check_cell(cell, field)
            ]
            assert problems == []
            for foreign in resource["schema"].get("foreignKeys", []):
                target = next(r for r in package["resources"] if r["name"] == foreign["reference"]["resource"])
                ids = {row[0] for row in rows(downloads[target["path"]])[1:]}
                assert {row[0] for row in table[1:]} <= ids
    assert package["licenses"] == [
        {
            "name": "dl-de-by-2.0",
            "path": "https://www.govdata.de/dl-de/by-2-0",
            "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        }
    ]
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])


# ---- Workbook


def test_workbook_is_the_editors_workbook_dated_like_the_other_files(plan: Plan, files: dict[str, Download]) -> None:
    assert files["handlungskonzept.xlsx"].content == editors_workbook(plan, LANGUAGES, dt.datetime(2026, 10, 1))
    book = load_workbook(io.BytesIO(files["handlungskonzept.xlsx"].content))
    assert book.sheetnames[:5] == ["Maßnahmen", "Aktualisierungen", "Meilensteine", "Indikatoren", "Messwerte"]
    release = {d.name: d for d in open_data(plan, adopted(), SITE_URL + "2026.1/", load_labels(), editors_workbook)}
    assert release["handlungskonzept.xlsx"].content == editors_workbook(plan, LANGUAGES, dt.datetime(2026, 2, 26))


# ---- DCAT-AP.de


DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")


def graph_of(download: Download) -> Graph:
    """The DCAT description read as RDF/XML, as a harvester reads it."""
    return Graph().parse(data=download.content, format="xml")


def the_dataset(graph: Graph) -> URIRef:
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    assert isinstance(datasets[0], URIRef)
    return datasets[0]


def one(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def test_dcat_describes_the_dataset_and_names_the_licence(files: dict[str, Download]) -> None:
    assert files["dcat.rdf"].content.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    graph = graph_of(files["dcat.rdf"])
    ds = the_dataset(graph)
    assert str(ds) == SITE_URL + "daten/#dataset"
    assert sorted((t.language, str(t)) for t in graph.objects(ds, DCT.title)) == [  # type: ignore[attr-defined]
        ("de", "Handlungskonzept Integration"),
        ("en", "Integration action plan"),
    ]
    assert sorted(d.language for d in graph.objects(ds, DCT.description)) == ["de", "en"]  # type: ignore[attr-defined]
    publisher = one(graph, ds, DCT.publisher)
    assert (publisher, RDF.type, FOAF.Organization) in graph
    assert str(one(graph, publisher, FOAF.name)) == "Stadt Musterstadt"
    assert one(graph, ds, DCATDE.contributorID) == URIRef("http://dcat-ap.de/def/contributors/musterstadt")
    assert one(graph, ds, DCATDE.politicalGeocodingLevelURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    )
    assert (one(graph, ds, DCT.issued), one(graph, ds, DCT.modified)) == (
        Literal("2026-10-01", datatype=XSD.date),
        Literal("2026-10-01", datatype=XSD.date),
    )
    assert (ds, OWL.versionInfo, None) not in graph  # the draft has no version

    distributions = set(graph.objects(ds, DCAT.distribution))
    assert {str(one(graph, d, DCAT.downloadURL)) for d in distributions} == {
        SITE_URL + "daten/" + n for n in FILES[:-1]
    }  # every file but the description itself
    formats = {}
    for distribution in distributions:
        name = str(distribution).removeprefix(SITE_URL + "daten/")
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        assert one(graph, distribution, DCT.license) == URIRef(LICENCE)
        assert str(one(graph, distribution, DCATDE.licenseAttributionByText)) == ATTRIBUTION
        assert one(graph, distribution, DCAT.byteSize) == Literal(files[name].size, datatype=XSD.nonNegativeInteger)
        assert str(one(graph, distribution, DCAT.accessURL)) == SITE_URL + "daten/" + name
        formats[name] = str(one(graph, distribution, DCT["format"])).rsplit("/", 1)[1]
    assert [formats[name] for name in FILES[:-1]] == [
        "JSON", "JSON", "CSV", "CSV", "CSV", "CSV", "CSV", "CSV", "XLSX", "JSON",
    ]  # fmt: skip


def test_dcat_of_a_version_names_its_own_addresses(plan: Plan) -> None:
    downloads = {d.name: d for d in open_data(plan, adopted(), SITE_URL + "2026.1/", load_labels(), editors_workbook)}
    graph = graph_of(downloads["dcat.rdf"])
    ds = the_dataset(graph)
    assert str(one(graph, ds, OWL.versionInfo)) == "2026.1"
    assert one(graph, ds, DCT.modified) == Literal("2026-02-26", datatype=XSD.date)
    urls = {str(one(graph, d, DCAT.downloadURL)) for d in graph.objects(ds, DCAT.distribution)}
    assert SITE_URL + "2026.1/daten/handlungskonzept.json" in urls
    assert all(url.startswith(SITE_URL + "2026.1/daten/") for url in urls)


def test_dcat_follows_the_dcat_ap_de_3_profile(files: dict[str, Download]) -> None:
    """What DCAT-AP 3.0 and DCAT-AP.de 3.0 require of a dataset and its distributions, checked on the graph.

    Direct assertions rather than SHACL shapes: each line names one requirement of the profile,
    a failure points at the property, and no further dependency is needed.
    """
    graph = graph_of(files["dcat.rdf"])
    ds = the_dataset(graph)
    # Dataset – mandatory: title, description (literals); DCAT-AP.de: publisher and contributorID
    assert all(isinstance(v, Literal) for v in graph.objects(ds, DCT.title))
    assert all(isinstance(v, Literal) for v in graph.objects(ds, DCT.description))
    assert list(graph.objects(ds, DCT.title))
    assert list(graph.objects(ds, DCT.description))
    assert isinstance(one(graph, ds, DCT.publisher), Node)
    assert isinstance(one(graph, ds, DCATDE.contributorID), URIRef)
    # at most once, typed as dates
    for predicate in (DCT.issued, DCT.modified):
        assert one(graph, ds, predicate).datatype in (XSD.date, XSD.dateTime)  # type: ignore[attr-defined]
    # recommended: contact point (vcard:Kind with fn), keywords as literals, themes from the EU vocabulary
    contact = one(graph, ds, DCAT.contactPoint)
    assert str(one(graph, contact, VCARD.fn)) == "Stadt Musterstadt"
    assert all(isinstance(k, Literal) for k in graph.objects(ds, DCAT.keyword))
    assert all(
        str(theme).startswith("http://publications.europa.eu/resource/authority/data-theme/")
        for theme in graph.objects(ds, DCAT.theme)
    )
    assert all(
        str(lang).startswith("http://publications.europa.eu/resource/authority/language/")
        for lang in graph.objects(ds, DCT.language)
    )
    # Distribution – mandatory: accessURL (IRI); byteSize as xsd:nonNegativeInteger; format, mediaType
    # and licence at most once and IRIs of their vocabularies
    distributions = list(graph.objects(ds, DCAT.distribution))
    assert len(distributions) == len(FILES) - 1
    for distribution in distributions:
        assert isinstance(one(graph, distribution, DCAT.accessURL), URIRef)
        size = one(graph, distribution, DCAT.byteSize)
        assert isinstance(size, Literal)
        assert size.datatype == XSD.nonNegativeInteger
        assert int(size) >= 0
        assert str(one(graph, distribution, DCT["format"])).startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
        assert str(one(graph, distribution, DCAT.mediaType)).startswith("http://www.iana.org/assignments/media-types/")
        assert str(one(graph, distribution, DCT.license)).startswith("http://dcat-ap.de/def/licenses/")
        for predicate in (DCT.issued, DCT.modified):
            assert one(graph, distribution, predicate).datatype == XSD.date  # type: ignore[attr-defined]
    # no literal anywhere typed xsd:decimal where the profile wants an integer
    assert not [o for o in graph.objects(None, DCAT.byteSize) if o.datatype != XSD.nonNegativeInteger]  # type: ignore[attr-defined]


def test_dcat_is_the_same_bytes_in_another_process(tmp_path: Path) -> None:
    """Named blank nodes and a sorting serializer: nothing in the file depends on the run."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1] + '/hooks')\n"
        "from pathlib import Path\n"
        "from actionplan.editing.spreadsheet.export import workbook_bytes\n"
        "from actionplan.outputs.opendata import open_data\n"
        "from actionplan.plan.loading import load_plan\n"
        "from actionplan.plan.texts import load_labels\n"
        "data = Path(sys.argv[2])\n"
        "plan = load_plan(data, data.parent, ['de', 'en', 'ar'])\n"
        "files = {d.name: d for d in open_data(plan, None, sys.argv[3], load_labels(), workbook_bytes)}\n"
        "sys.stdout.buffer.write(files['dcat.rdf'].content)\n"
    )
    data = copy_with_site(tmp_path / "data")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script, str(PROJECT), str(data), SITE_URL], capture_output=True, env=env, check=True
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b'<?xml version="1.0" encoding="utf-8"?>')


# ---- Licence


def test_an_unknown_licence_stops_the_build(tmp_path: Path) -> None:
    site = (FIXTURES / "opendata" / "site.yml").read_text(encoding="utf-8")
    (tmp_path / "site.yml").write_text(
        site.replace("https://www.govdata.de/dl-de/by-2-0", "https://www.musterstadt.example/nutzungsbedingungen"),
        encoding="utf-8",
    )
    data = copy_with_site(tmp_path / "data", tmp_path / "site.yml")
    errors = licence_errors(load_plan(data, tmp_path, LANGUAGES))
    line = site.splitlines().index("  url: https://www.govdata.de/dl-de/by-2-0") + 1
    assert [str(error) for error in errors] == [
        f"data/site.yml:{line}:8: licence.url: für diese Lizenz kennt der Generator keine Kennung nach DCAT-AP.de, "
        "die Datenportale verstehen – offene Daten brauchen eine offene Lizenz (bekannt: "
        "https://www.govdata.de/dl-de/by-2-0, https://www.govdata.de/dl-de/zero-2-0, "
        "https://creativecommons.org/licenses/by/4.0, https://creativecommons.org/licenses/by-sa/4.0, "
        "https://creativecommons.org/publicdomain/zero/1.0)"
    ]


# ---- The /daten/ page


def render_page(plan: Plan, files: dict[str, Download], lang: str) -> str:
    site = Site("de", {}, open_data=page_context(plan, None, list(files.values()), load_labels()))
    prefix = "" if lang == "de" else f"{lang}/"
    html, _ = Renderer(plan, lang, site, make_environment(TEMPLATES)).marker(Marker("open-data", {}), prefix + "daten/")
    return html


def test_page_lists_every_file_with_its_exact_size(plan: Plan, files: dict[str, Download]) -> None:
    html = render_page(plan, files, "de")
    assert re.findall(r'<a href="([^"]+)" dir="ltr">([^<]+)</a></td>', html) == [
        (f"../daten/{name}", name) for name in FILES
    ]
    assert re.findall(r'<data value="(\d+)">', html) == [str(files[name].size) for name in FILES]
    assert (
        f'<data value="{files["massnahmen.csv"].size}">{format_size(files["massnahmen.csv"].size, "de")}</data>' in html
    )
    assert "Wie massnahmen.csv, für Excel mit deutschen Einstellungen" in html
    assert "Entwurf, Stand 1. Oktober 2026" in html
    assert f"<p>{ATTRIBUTION}, <a " in html


def test_page_in_another_language_keeps_the_german_attribution(plan: Plan, files: dict[str, Download]) -> None:
    html = render_page(plan, files, "en")
    assert 'href="../../daten/handlungskonzept.json"' in html
    assert "<caption>The files to download</caption>" in html
    assert "Draft as of October 1, 2026" in html
    assert f'<span lang="de" dir="ltr">{ATTRIBUTION}</span>' in html


@pytest.mark.parametrize(
    ("size", "lang", "shown"),
    [
        (830, "de", "830 Byte"),
        (12_345, "de", "12,3 kB"),
        (12_345, "en", "12.3 kB"),
        (1_512_345, "de", "1,5 MB"),
        (12_345, "uk", "12,3 кБ"),
    ],
)
def test_sizes_for_people(size: int, lang: str, shown: str) -> None:
    assert format_size(size, lang) == shown


def test_marker_needs_the_site_information(make_data: Callable[..., Path], tmp_path: Path) -> None:
    from actionplan.site.markers import scan_docs

    plan = load_plan(make_data(), tmp_path, LANGUAGES)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "daten.md").write_text("# Offene Daten\n\n<!-- plan:open-data -->\n", encoding="utf-8")
    errors, _ = scan_docs(docs, tmp_path, plan)
    assert [str(error) for error in errors] == [
        "docs/daten.md:3:1: plan:open-data braucht die Datei data/site.yml, die es nicht gibt"
    ]
