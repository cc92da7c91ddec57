"""The files GitHub reads for the editorial team: issue forms, PR template, CODEOWNERS, workflows, CONTRIBUTING."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from actionplan.plan.loading import read_plan
from actionplan.plan.model import STATUSES

from .helpers import PROJECT, SITE_LANGUAGES

GITHUB = PROJECT / ".github"
FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"

# GitHub's issue forms: https://docs.github.com/communities/using-templates-to-encourage-useful-issues-and-pull-requests/syntax-for-githubs-form-schema
FIELD_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
FIELD_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fields(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in form["body"] if "id" in item}


def make_targets() -> set[str]:
    targets: set[str] = set()
    for line in (PROJECT / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.%/ -]+):(?!=)", line)
        if match and not line.startswith((".", "\t")):
            targets |= set(match[1].split())
    return targets


# ---- Issue forms


def test_there_are_the_three_forms() -> None:
    assert [path.name for path in FORMS] == ["aenderung-vorschlagen.yml", "fehler-melden.yml", "redaktion.yml"]


@pytest.mark.parametrize("path", FORMS, ids=[path.stem for path in FORMS])
def test_issue_form_follows_githubs_schema(path: Path) -> None:
    form = load(path)

    assert isinstance(form["name"], str)
    assert form["name"]
    assert isinstance(form["description"], str)
    assert form["description"]
    assert set(form) <= {"name", "description", "title", "labels", "assignees", "projects", "body", "type"}
    assert all(isinstance(label, str) for label in form.get("labels", []))
    body = form["body"]
    assert isinstance(body, list)
    assert any(item["type"] != "markdown" for item in body), "ein Formular braucht mindestens ein Eingabefeld"
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids)), "ids müssen eindeutig sein"
    for item in body:
        assert set(item) <= {"type", "id", "attributes", "validations"}, item
        assert item["type"] in FIELD_TYPES, item
        attributes = item["attributes"]
        assert isinstance(attributes, dict)
        if item["type"] == "markdown":
            assert isinstance(attributes["value"], str)
            assert "id" not in item
            continue
        assert FIELD_ID.match(item["id"]), item["id"]
        assert isinstance(attributes["label"], str)
        assert attributes["label"]
        assert isinstance(item.get("validations", {}).get("required", False), bool)
        if item["type"] in ("dropdown", "checkboxes"):
            options = attributes["options"]
            assert options, item["id"]
            names = [o["label"] if isinstance(o, dict) else o for o in options]
            assert all(isinstance(name, str) and name for name in names)
            assert len(names) == len(set(names)), item["id"]


@pytest.mark.parametrize("path", FORMS, ids=[path.stem for path in FORMS])
def test_every_form_warns_that_it_is_public(path: Path) -> None:
    intro = " ".join(item["attributes"]["value"] for item in load(path)["body"] if item["type"] == "markdown")

    assert "persönlichen Daten" in intro or "personenbezogenen Daten" in intro


def test_residents_report_page_language_and_what_is_wrong() -> None:
    form = fields(load(GITHUB / "ISSUE_TEMPLATE" / "fehler-melden.yml"))

    required = {name for name, item in form.items() if item.get("validations", {}).get("required")}
    assert {"art", "seite", "sprache", "fehler"} <= required
    assert any("Barriere" in option for option in form["art"]["attributes"]["options"])
    assert len(form["sprache"]["attributes"]["options"]) >= 7  # every language of the site


def test_editors_form_names_the_measure_and_offers_the_real_statuses() -> None:
    form = fields(load(GITHUB / "ISSUE_TEMPLATE" / "redaktion.yml"))

    assert form["kennung"]["validations"]["required"] is True
    assert tuple(form["status"]["attributes"]["options"]) == STATUSES
    kinds = " ".join(form["art"]["attributes"]["options"])
    assert "Stand" in kinds
    assert "Neue Maßnahme" in kinds
    assert "Übersetzung" in kinds


def test_issue_chooser_config() -> None:
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")

    assert config["blank_issues_enabled"] is False
    for link in config["contact_links"]:
        assert set(link) == {"name", "url", "about"}
        assert link["url"].startswith("https://")


# ---- Pull requests and owners


def test_pull_request_template_is_a_german_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")

    assert text.count("- [ ]") >= 6
    assert "Checkliste" in text
    assert "datei:zeile:spalte" in text


def test_codeowners_lines_name_a_pattern_and_owners() -> None:
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    assert "Beispiele" in text  # the team names are examples
    assert rules
    for pattern, *owners in rules:
        assert owners, pattern
        assert all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", owner) for owner in owners), pattern
    patterns = {rule[0] for rule in rules}
    assert {"/data/measures/", "/docs/**/*.ar.md", "/hooks/", "/.github/workflows/"} <= patterns


# ---- Workflows


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.stem for path in WORKFLOWS])
def test_workflow_actions_are_pinned_and_permissions_minimal(path: Path) -> None:
    workflow = load(path)

    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "write-all" not in str(job["permissions"])
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses and not uses.startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), uses


SCHEMAS = [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", FORMS),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ("vendor.citation-file-format", [PROJECT / "CITATION.cff"]),
]


def check_jsonschema(schema: str, paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with a schema it ships (vendored: no network), as GitHub and the CFF tools read the files."""
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(("schema", "paths"), SCHEMAS, ids=[schema for schema, _ in SCHEMAS])
def test_github_files_follow_their_published_schemas(schema: str, paths: list[Path]) -> None:
    result = check_jsonschema(schema, paths)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_finds_a_misspelt_workflow_key(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")

    result = check_jsonschema("vendor.github-workflows", [broken])

    assert result.returncode == 1
    assert "Additional properties are not allowed ('stepz' was unexpected)" in result.stdout


def test_workflows_keep_no_credentials_for_later_steps() -> None:
    # zizmor's artipacked audit (make lint) checks the same; this names the rule for readers of the tests
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, path.name


def test_pull_requests_get_a_preview_with_a_link_in_the_summary() -> None:
    workflow = load(GITHUB / "workflows" / "preview.yml")
    steps = workflow["jobs"]["preview"]["steps"]
    text = (GITHUB / "workflows" / "preview.yml").read_text(encoding="utf-8")

    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert any(step.get("run") == "make build" for step in steps)
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "# v4." in text.split("actions/upload-artifact@", 1)[1].splitlines()[0]
    summary = next(step for step in steps if "artifact-url" in str(step.get("env", {})))
    assert summary["env"]["ARTIFACT_URL"] == "${{ steps.upload.outputs.artifact-url }}"
    assert "GITHUB_STEP_SUMMARY" in summary["run"]
    assert "Vorschau herunterladen" in summary["run"]


def test_ci_and_the_preview_upload_the_layout_screenshots() -> None:
    for name, job in (("test.yml", "test"), ("preview.yml", "preview")):
        steps = load(GITHUB / "workflows" / name)["jobs"][job]["steps"]
        uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
        shots = [step for step in uploads if step["with"]["path"] == "test-screenshots"]
        assert len(shots) == 1, name
        assert shots[0]["if"] == "always()", name  # also (above all) when a layout check failed
    preview = load(GITHUB / "workflows" / "preview.yml")["jobs"]["preview"]["steps"]
    assert any(step.get("run", "").endswith("make screenshots\n") for step in preview)


# ---- CONTRIBUTING.md


def test_every_make_command_in_contributing_exists() -> None:
    named = set(re.findall(r"(?<![\w-])make ([a-z][a-z0-9-]*)", CONTRIBUTING.read_text(encoding="utf-8")))

    assert {"check", "serve", "translations", "new-measure", "stale", "release"} <= named
    missing = sorted(named - make_targets())
    assert missing == [], f"CONTRIBUTING.md nennt Make-Ziele, die es im Makefile nicht gibt: {missing}"


def test_contributing_lists_exactly_the_statuses_of_the_model() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    table = re.findall(r"^\| `([a-z]+)` \|", text, flags=re.MULTILINE)

    assert tuple(value for value in table if value != "status") == STATUSES  # without the table's head


def test_contributing_links_to_files_that_exist() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#]+)\)", text) if "://" not in t]

    assert targets
    for target in targets:
        assert (PROJECT / target).exists(), target


def test_contributing_explains_the_error_format_with_a_real_message(tmp_path: Path) -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    example = next(line.strip() for line in text.splitlines() if line.startswith("  data/measures/wq-03.yml:"))
    file, line, column, _ = example.split(":", 3)
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    measure = tmp_path / file
    lines = measure.read_text(encoding="utf-8").splitlines(keepends=True)
    value = lines[int(line) - 1][int(column) - 1 :].strip()
    lines[int(line) - 1] = lines[int(line) - 1].replace(value, "fertig")
    measure.write_text("".join(lines), encoding="utf-8")

    _, errors = read_plan(tmp_path / "data", tmp_path, SITE_LANGUAGES)

    assert "`datei:zeile:spalte: feld: meldung`" in text
    assert example in [str(error) for error in errors]  # the documented message is what editors get
