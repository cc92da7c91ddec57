"""`python -m actionplan stale`: old updates, overdue milestones and end dates, on a fixed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.commands import main
from actionplan.editing.stale import format_stale, stale_report
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan

from .helpers import LANGUAGES
from .test_cli import make_project

SB01 = "SB-01 „Deutschkurse mit Kinderbetreuung“"
WQ01 = "WQ-01 „Eine feste Kümmerin für jedes Quartier“"
NOT_UPDATED_SB01 = "data/measures/sb-01.yml:13: updates[0].date: {SB01}: zuletzt aktualisiert am 2026-09-15, vor {days} Tagen (Status: laufend)"
NOT_UPDATED_WQ01 = "data/measures/wq-01.yml:66: updates[2].date: {WQ01}: zuletzt aktualisiert am 2026-10-01, vor {days} Tagen (Status: laufend)"
MILESTONE_WQ01 = f"data/measures/wq-01.yml:32: milestones[1].due: {WQ01}: Meilenstein „Alle Stellen besetzt“ war 2027-06 fällig und ist nicht als erledigt eingetragen (done)"
OVERDUE_WQ01 = f"data/measures/wq-01.yml:22: due: {WQ01}: das geplante Ende 2027-12 ist überschritten (Status: laufend)"
ADVICE = "Bitte aktualisieren: einen neuen Eintrag unter „updates“ anfügen, erledigte Meilensteine mit „done“ eintragen oder „due“ anpassen."


@pytest.fixture
def plan(make_data: Callable[..., Path]) -> Plan:
    """The valid test plan with files named data/measures/…, as editors see them."""
    data = make_data()
    return load_plan(data, data.parent, LANGUAGES)


def lines(plan: Plan, day: str, days: int = 90) -> list[list[str]]:
    report = stale_report(plan, dt.date.fromisoformat(day), days)
    return [[str(item) for item in items] for _, items in report.groups]


def test_everything_stale_a_year_later(plan: Plan) -> None:
    # WQ-02 is merged: its update of 2026-05-12 is older still, but it never counts.
    assert lines(plan, "2028-01-01") == [
        [
            NOT_UPDATED_SB01.format(SB01=SB01, days=473),
            NOT_UPDATED_WQ01.format(WQ01=WQ01, days=457),
        ],
        [MILESTONE_WQ01],
        [OVERDUE_WQ01],
    ]


def test_boundaries(plan: Plan) -> None:
    # 2026-12-14 is 90 days after SB-01's update: not yet stale; a day later it is.
    assert lines(plan, "2026-12-14") == [[], [], []]
    assert lines(plan, "2026-12-15") == [[NOT_UPDATED_SB01.format(SB01=SB01, days=91)], [], []]
    # A milestone due in June 2027 is overdue from July; an end in December 2027 from 2028.
    assert lines(plan, "2027-06-30", days=1000)[1] == []
    assert lines(plan, "2027-07-01", days=1000)[1] == [MILESTONE_WQ01]
    assert lines(plan, "2027-12-31", days=1000)[2] == []


def test_days_are_configurable(plan: Plan) -> None:
    assert lines(plan, "2026-10-16", days=30) == [[NOT_UPDATED_SB01.format(SB01=SB01, days=31)], [], []]


def test_finished_and_discontinued_measures_are_never_stale(make_data: Callable[..., Path]) -> None:
    data = make_data()
    measure = data / "measures" / "wq-01.yml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text + "  - date: 2026-11-01\n    status: eingestellt\n    note: {de: Beendet.}\n", "utf-8")
    sb01 = data / "measures" / "sb-01.yml"
    text = sb01.read_text(encoding="utf-8").replace(
        "status: laufend\n    progress: 30", "status: abgeschlossen\n    progress: 100"
    )
    sb01.write_text(text.replace("start: 2026-09-01\n", "start: 2026-09-01\ndue: 2026-10\n"), encoding="utf-8")
    plan = load_plan(data, data.parent, LANGUAGES)

    report = stale_report(plan, dt.date(2030, 1, 1))

    assert (report.count, report.open_measures) == (0, 0)
    assert format_stale(report) == (
        "Stand 2030-01-01: nichts veraltet – alle 0 offenen Maßnahmen wurden in den letzten 90 Tagen aktualisiert, "
        "kein Meilenstein und kein geplantes Ende ist überschritten."
    )


def test_paused_and_delayed_measures_stay_in_the_report(make_data: Callable[..., Path]) -> None:
    data = make_data()
    sb01 = data / "measures" / "sb-01.yml"
    sb01.write_text(sb01.read_text(encoding="utf-8").replace("status: laufend", "status: pausiert"), "utf-8")
    plan = load_plan(data, data.parent, LANGUAGES)

    assert lines(plan, "2026-12-15")[0] == [
        NOT_UPDATED_SB01.format(SB01=SB01, days=91).replace("Status: laufend", "Status: pausiert")
    ]


def test_command_prints_the_grouped_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")

    assert main(["stale", "--root", str(root), "--today", "2027-07-01"]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert out == "\n".join(
        [
            "Stand 2027-07-01: 3 Hinweise zu 2 von 2 offenen Maßnahmen (abgeschlossene, eingestellte und zusammengeführte zählen nicht).",
            "",
            "Länger als 90 Tage nicht aktualisiert (2):",
            "  " + NOT_UPDATED_SB01.format(SB01=SB01, days=289),
            "  " + NOT_UPDATED_WQ01.format(WQ01=WQ01, days=273),
            "",
            "Meilensteine überfällig (1):",
            "  " + MILESTONE_WQ01,
            "",
            "Geplantes Ende überschritten (0):",
            "  keine",
            "",
            ADVICE,
            "",
        ]
    )


def test_command_with_days_and_nothing_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")

    assert main(["stale", "--root", str(root), "--today", "2026-10-20", "--days", "60"]) == 0

    assert capsys.readouterr().out == (
        "Stand 2026-10-20: nichts veraltet – alle 2 offenen Maßnahmen wurden in den letzten 60 Tagen aktualisiert, "
        "kein Meilenstein und kein geplantes Ende ist überschritten.\n"
    )


def test_one_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt")

    assert main(["stale", "--root", str(root), "--today", "2026-12-15"]) == 0

    assert capsys.readouterr().out.splitlines()[0] == (
        "Stand 2026-12-15: 1 Hinweis zu 1 von 2 offenen Maßnahmen (abgeschlossene, eingestellte und zusammengeführte zählen nicht)."
    )


def test_default_day_is_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "projekt")
    monkeypatch.setattr("actionplan.editing.stale.today", lambda: dt.date(2026, 12, 15))

    assert main(["stale", "--root", str(root)]) == 0

    assert capsys.readouterr().out.startswith("Stand 2026-12-15: 1 Hinweis")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "0"], "„0“ ist keine gültige Anzahl Tage (erlaubt: ganze Zahl ab 1)"),
        (["--days", "neunzig"], "„neunzig“ ist keine gültige Anzahl Tage (erlaubt: ganze Zahl ab 1)"),
        (["--today", "2026-13-01"], "„2026-13-01“ ist kein gültiges Datum (erlaubt: JJJJ-MM-TT, z. B. 2026-09-01)"),
    ],
)
def test_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    root = make_project(tmp_path / "projekt")

    with pytest.raises(SystemExit) as caught:
        main(["stale", "--root", str(root), *args])

    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_broken_data_is_reported_instead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "projekt", "unknown-status")

    assert main(["stale", "--root", str(root), "--today", "2027-07-01"]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("1 Fehler in den Daten")
    assert "„fertig“ ist kein gültiger Status" in err
