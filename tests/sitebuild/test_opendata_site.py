"""The open data in the built sample site: written once, with the sizes the /daten/ pages state."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, PREFIX

pytestmark = pytest.mark.site

SITE_URL = "https://integration.musterstadt.example/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_daten_page_states_the_exact_size_of_every_file(sample_site: Path, lang: str) -> None:
    page = sample_site / PREFIX[lang] / "daten" / "index.html"
    html = page.read_text(encoding="utf-8")
    listed = re.findall(
        r'<a href="([^"]+)" dir="ltr">([^<]+)</a></td>\s*<td dir="ltr">[^<]+</td>\s*<td><data value="(\d+)">', html
    )
    assert len(listed) == 11
    for href, name, size in listed:
        target = (page.parent / href).resolve()
        assert target == (sample_site / "daten" / name).resolve()
        assert target.stat().st_size == int(size), name


def test_open_data_only_at_the_root(sample_site: Path) -> None:
    # one set per build, not one per language
    assert sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("datapackage.json")) == [
        "daten/datapackage.json"
    ]


def test_datapackage_and_dcat_describe_the_written_files(sample_site: Path) -> None:
    folder = sample_site / "daten"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        content = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    root = ET.fromstring((folder / "dcat.rdf").read_bytes())
    urls = [e.get(f"{{{RDF}}}resource", "") for e in root.iter(f"{{{DCAT}}}downloadURL")]
    assert [url.removeprefix(SITE_URL + "daten/") for url in urls] == [r["path"] for r in package["resources"]] + [
        "datapackage.json"
    ]


def test_frictionless_finds_the_data_package_valid(sample_site: Path) -> None:
    """frictionless 5, as data portals use it, validates every resource of the built package against its file."""
    from frictionless import Package, system

    with system.use_context(trusted=True):  # the package names its files by relative paths
        report = Package(str(sample_site / "daten" / "datapackage.json")).validate()

    problems = [(task.name, error.type, error.note) for task in report.tasks for error in task.errors]
    assert problems == []
    assert report.valid
    assert [task.name for task in report.tasks] == [
        "handlungskonzept-json",
        "handlungskonzept-schema-json",
        "massnahmen",
        "massnahmen-excel",
        "aktualisierungen",
        "aktualisierungen-excel",
        "indikatoren",
        "indikatoren-excel",
        "handlungskonzept-xlsx",
    ]
