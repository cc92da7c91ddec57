"""What has gone stale: measures without a recent update, overdue milestones and end dates.

`python -m actionplan stale` is a report for the editorial team, not a check: it always exits 0
when the data is valid. Finished, discontinued and merged measures are never stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..plan.errors import PlanError, format_path, quote
from ..plan.model import GERMAN, Measure
from ..plan.plan import Plan
from ..plan.yamlsource import Loc, Source

DEFAULT_DAYS = 90
"""An update older than this many days counts as stale (`--days` changes it)."""
FINISHED: tuple[str, ...] = ("abgeschlossen", "eingestellt", "zusammengefuehrt")
"""Statuses of measures that need no further update."""


@dataclass
class StaleReport:
    """Everything stale on one day, each item located like an error (file, line, key path)."""

    today: dt.date
    days: int
    open_measures: int  # measures that are not finished, discontinued or merged
    not_updated: list[PlanError] = field(default_factory=list)
    milestones: list[PlanError] = field(default_factory=list)
    overdue: list[PlanError] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[PlanError]]]:
        """(German heading, items) in the order the report shows them."""
        return [
            (f"Länger als {self.days} Tage nicht aktualisiert", self.not_updated),
            ("Meilensteine überfällig", self.milestones),
            ("Geplantes Ende überschritten", self.overdue),
        ]

    @property
    def count(self) -> int:
        return len(self.not_updated) + len(self.milestones) + len(self.overdue)

    @property
    def measures_concerned(self) -> int:
        return len({item.file for _, items in self.groups for item in items})


def today() -> dt.date:
    """The report's default day; one place, so that tests can fix it."""
    return dt.date.today()


def stale_report(plan: Plan, on: dt.date, days: int = DEFAULT_DAYS) -> StaleReport:
    """What is stale in `plan` on day `on`, every group sorted by file and line."""
    open_measures = [m for m in plan.measures if m.status not in FINISHED]
    report = StaleReport(on, days, len(open_measures))
    for measure in open_measures:
        source = _source_of(plan, measure)
        name = f"{measure.id} {quote(measure.title[GERMAN])}"
        last = measure.latest.date
        age = (on - last).days
        if age > days:
            report.not_updated.append(
                _item(
                    source,
                    measure,
                    ("updates", len(measure.updates) - 1, "date"),
                    f"{name}: zuletzt aktualisiert am {last.isoformat()}, vor {age} Tagen (Status: {measure.status})",
                )
            )
        for index, milestone in enumerate(measure.milestones):
            if milestone.done is None and milestone.due.last_day < on:
                report.milestones.append(
                    _item(
                        source,
                        measure,
                        ("milestones", index, "due"),
                        f"{name}: Meilenstein {quote(milestone.title[GERMAN])} war {milestone.due} fällig und ist nicht als erledigt eingetragen (done)",
                    )
                )
        if measure.due is not None and measure.due.last_day < on:
            report.overdue.append(
                _item(
                    source,
                    measure,
                    ("due",),
                    f"{name}: das geplante Ende {measure.due} ist überschritten (Status: {measure.status})",
                )
            )
    for _, items in report.groups:
        items.sort()
    return report


def format_stale(report: StaleReport) -> str:
    """The report in German: a summary line, then each group with its count."""
    if not report.count:
        return (
            f"Stand {report.today.isoformat()}: nichts veraltet – alle {report.open_measures} offenen Maßnahmen wurden "
            f"in den letzten {report.days} Tagen aktualisiert, kein Meilenstein und kein geplantes Ende ist überschritten."
        )
    lines = [f"{_headline(report)}."]
    for heading, items in report.groups:
        lines += ["", f"{heading} ({len(items)}):", *([f"  {item}" for item in items] or ["  keine"])]
    lines += [
        "",
        "Bitte aktualisieren: einen neuen Eintrag unter „updates“ anfügen, erledigte Meilensteine mit „done“ "
        "eintragen oder „due“ anpassen.",
    ]
    return "\n".join(lines)


def _headline(report: StaleReport) -> str:
    hints = "1 Hinweis" if report.count == 1 else f"{report.count} Hinweise"
    return (
        f"Stand {report.today.isoformat()}: {hints} zu {report.measures_concerned} von {report.open_measures} "
        "offenen Maßnahmen (abgeschlossene, eingestellte und zusammengeführte zählen nicht)"
    )


def _source_of(plan: Plan, measure: Measure) -> Source | None:
    for source in plan.sources.values():
        if (
            PurePosixPath(source.file).parent.name == "measures"
            and isinstance(source.data, dict)
            and source.data.get("id") == measure.id
        ):
            return source
    return None


def _item(source: Source | None, measure: Measure, loc: Loc, message: str) -> PlanError:
    """One stale item, located like an error so that it reads and sorts the same way."""
    if source is None:  # pragma: no cover - every loaded measure has its source
        return PlanError(
            file=f"data/measures/{measure.slug}.yml",
            line=0,
            path=format_path(loc),
            message=message,
            kind="inconsistent",
        )
    return PlanError(
        file=source.file, line=source.line(loc), path=format_path(loc), message=message, kind="inconsistent"
    )
