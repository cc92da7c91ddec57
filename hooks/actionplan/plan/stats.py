"""Progress figures of the plan: counts and shares by status, per field and overall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import STATUSES, Measure

INACTIVE = ("zusammengefuehrt", "eingestellt")
"""Statuses that no longer count towards the plan's average progress."""


@dataclass(frozen=True)
class StatusShare:
    status: str
    count: int
    share: float  # 0–100


@dataclass(frozen=True)
class Summary:
    """Counts by status and the average progress of a group of measures."""

    total: int
    shares: tuple[StatusShare, ...]
    progress: float  # average over active measures, 0–100

    @property
    def present(self) -> tuple[StatusShare, ...]:
        """Only the statuses that occur (for charts)."""
        return tuple(s for s in self.shares if s.count)


def summarize(measures: Sequence[Measure]) -> Summary:
    """Count measures per status (in the fixed status order) and average their progress."""
    total = len(measures)
    shares = tuple(
        StatusShare(status, count, 100 * count / total if total else 0.0)
        for status in STATUSES
        for count in [sum(1 for m in measures if m.status == status)]
    )
    active = [m.progress for m in measures if m.status not in INACTIVE]
    return Summary(total, shares, sum(active) / len(active) if active else 0.0)
