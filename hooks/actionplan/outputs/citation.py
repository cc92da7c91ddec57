"""How to cite a page or the whole plan: on every page, as BibTeX, RIS and CSL-JSON files
beside it, and as the repository's CITATION.cff – all from data/releases.yml and data/site.yml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..plan.model import Release, Resolution
from ..plan.plan import Plan

CITATION_FILES = ("zitieren.bib", "zitieren.ris", "zitieren.json")


@dataclass(frozen=True)
class Cite:
    """What a citation of one page names."""

    title: str  # the page, in its language
    work: str  # the site: "Integration in Musterstadt"
    author: str  # the town, as a corporate author
    version: str | None  # None: the draft
    date: dt.date
    url: str  # the permanent, versioned address
    resolution: Resolution | None
    lang: str
    adopted: Release | None = None  # in a draft: the newest adopted version that has this page …
    adopted_url: str | None = None  # … and the page's permanent address there

    @property
    def key(self) -> str:
        """A BibTeX key: readable, stable, ASCII."""
        path = re.sub(r"[^a-z0-9]+", "-", self.url.lower().split("://", 1)[-1]).strip("-")
        return f"{path[-60:].strip('-') or 'start'}-{self.version or 'entwurf'}"

    def note(self) -> str:
        """The resolution in German, as the record of the council is German."""
        if self.resolution is None:
            return "Entwurf – nicht beschlossen"
        day = self.resolution.date
        note = f"Beschluss: {self.resolution.body}, {day.day:02d}.{day.month:02d}.{day.year}, Drucksache {self.resolution.reference}"
        record = self.resolution.council
        return f"{note}, Ratsinformationssystem: {record.link}" if record is not None and record.link else note


def plan_date(plan: Plan, release: Release | None) -> dt.date:
    """The date of what this build shows: the release's, or the newest update's (never the clock)."""
    if release is not None:
        return release.date
    dates = [m.latest.date for m in plan.measures]
    return max(dates) if dates else dt.date(2000, 1, 1)


def page_cite(
    plan: Plan,
    release: Release | None,
    *,
    title: str,
    work: str,
    lang: str,
    url: str,
    adopted: tuple[Release, str] | None = None,
    date: dt.date | None = None,
) -> Cite:
    """The citation of one page of the build of `release` (None: the draft).

    `adopted`: in a draft, the adopted version that has the same page and its address there.
    `date`: the build's `plan_date`, where the caller has it already (it scans every measure).
    """
    author = plan.site.operator.name.get(lang) or plan.site.operator.name["de"] if plan.site else work
    return Cite(
        title=title,
        work=work,
        author=author,
        version=release.version if release else None,
        date=date if date is not None else plan_date(plan, release),
        url=url,
        resolution=release.resolution if release and release.state == "beschlossen" else None,
        lang=lang,
        adopted=adopted[0] if adopted else None,
        adopted_url=adopted[1] if adopted else None,
    )


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def bibtex(cite: Cite) -> str:
    fields = [
        ("author", "{" + _bibtex_escape(cite.author) + "}"),  # braces: a corporate author, not a person
        ("title", _bibtex_escape(cite.title)),
        ("howpublished", _bibtex_escape(cite.work)),
        ("version", cite.version or "Entwurf"),
        ("date", cite.date.isoformat()),
        ("year", str(cite.date.year)),
        ("url", cite.url),
        ("language", cite.lang),
        ("note", _bibtex_escape(cite.note())),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{cite.key},\n{body}\n}}\n"


def ris(cite: Cite) -> str:
    lines = [
        ("TY", "GOVDOC"),
        ("AU", cite.author),
        ("TI", cite.title),
        ("T2", cite.work),
        ("ET", cite.version or "Entwurf"),
        ("DA", cite.date.strftime("%Y/%m/%d")),
        ("PY", str(cite.date.year)),
        ("UR", cite.url),
        ("LA", cite.lang),
        ("N1", cite.note()),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in lines)  # RIS: CRLF


def csl_json(cite: Cite) -> str:
    item = {
        "id": cite.key,
        "type": "document",
        "title": cite.title,
        "container-title": cite.work,
        "author": [{"literal": cite.author}],
        "version": cite.version or "Entwurf",
        "issued": {"date-parts": [[cite.date.year, cite.date.month, cite.date.day]]},
        "URL": cite.url,
        "language": cite.lang,
        "note": cite.note(),
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def write_citations(site_dir: Path, citations: dict[str, Cite]) -> None:
    """The three citation files beside every page (`citations`: page directory -> citation)."""
    for directory, cite in sorted(citations.items()):
        target = site_dir / directory
        target.mkdir(parents=True, exist_ok=True)
        for name, text in zip(CITATION_FILES, (bibtex(cite), ris(cite), csl_json(cite)), strict=True):
            (target / name).write_bytes(text.encode("utf-8"))


# ---- CITATION.cff


def citation_cff(plan: Plan, title: str, site_url: str, release: Release | None = None) -> str:
    """The repository's CITATION.cff: `release`, else the newest version with a snapshot."""
    if release is None:
        released = [r for r in plan.releases if r.version in plan.snapshots]
        release = released[-1] if released else None
    author = plan.site.operator.name["de"] if plan.site else title
    lines = [
        "# Erzeugt aus data/releases.yml und data/site.yml – nicht von Hand ändern (make release schreibt sie).",
        "cff-version: 1.2.0",
        'message: "Bitte zitieren Sie die beschlossene Fassung mit Version und Adresse."',
        "type: dataset",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "authors:",
        f"  - name: {json.dumps(author, ensure_ascii=False)}",
    ]
    if release is not None:
        base = site_url.rstrip("/") + "/"
        lines += [
            f'version: "{release.version}"',
            f"date-released: {release.date.isoformat()}",
            f'url: "{base}{release.version}/"',
        ]
        if release.resolution is not None:
            note = Cite(title, title, author, release.version, release.date, "", release.resolution, "de").note()
            lines.append(f"abstract: {json.dumps(note, ensure_ascii=False)}")
            lines += _council_identifiers(release.resolution)
    if plan.site is not None:
        lines.append(f'license-url: "{plan.site.licence.url}"')
    lines.append(f'repository-code: "{plan.site.repository.url}"' if plan.site and plan.site.repository else "")
    return "\n".join(line for line in lines if line) + "\n"


def _council_identifiers(resolution: Resolution) -> list[str]:
    """CITATION.cff `identifiers`: the resolution's record in the council information system (OParl)."""
    record = resolution.council
    if record is None:
        return []
    found = [
        (record.web, f"Drucksache {record.drucksache} im Ratsinformationssystem"),
        (record.paper, f"Drucksache {record.drucksache} (OParl Paper)"),
        (record.meeting, "Sitzung des Beschlusses (OParl Meeting)"),
    ]
    lines = ["identifiers:"]
    for url, description in found:
        if url:
            lines += [
                "  - type: url",
                f"    value: {json.dumps(url)}",
                f"    description: {json.dumps(description, ensure_ascii=False)}",
            ]
    return lines
