"""„Diese Seite bearbeiten“: the file that holds a page's content, opened in GitHub's web editor.

A prose page links to its Markdown file in the language shown (docs/leitbild.en.md, or
docs/leitbild.md where German stands in); a generated page links to the data it is made
from (data/measures/wq-03.yml, data/fields.yml, data/quarters.yml). The link is a plain
address: nothing is requested from GitHub before a reader clicks it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..plan.model import Repository
from ..plan.plan import Plan
from .markers import MARKERS, Marker


def edit_url(repository: Repository, path: str) -> str:
    """The web-editor address of a file of the repository: https://github.com/<owner>/<repo>/edit/<branch>/<path>."""
    return f"{repository.url.rstrip('/')}/edit/{quote(repository.branch)}/{quote(path)}"


def content_file(plan: Plan, marker: Marker | None, docs_file: Path | None, root: Path) -> str | None:
    """The repository path of the file that holds a page's content; None if no file does.

    `marker` is set for a generated page, `docs_file` is the Markdown file of a prose page.
    """
    if marker is None:
        if docs_file is None or not docs_file.resolve().is_relative_to(root.resolve()):
            return None
        return docs_file.resolve().relative_to(root.resolve()).as_posix()
    data_file = MARKERS[marker.name].data_file.format(slug=marker.args.get("id", "").lower())
    if not data_file:
        return None  # a page of its own (the search page): no file holds its content
    if "/" in data_file:  # one file per entry (data/measures/<id>.yml): the file as loaded
        # the data folder as the list files name it: no scan over every file (one per measure) for each page
        anchor = next(iter(plan.file_sources.values()), None)
        beside = PurePosixPath(anchor.file).parent / data_file if anchor is not None else None
        if beside is not None and str(beside) in plan.sources:
            found: PurePosixPath | None = beside
        else:
            wanted = PurePosixPath(data_file).parts
            files = [PurePosixPath(file) for file in plan.sources]
            found = next((file for file in files if file.parts[-len(wanted) :] == wanted), None)
    else:  # an entry of a list file
        source = plan.file_sources.get(data_file)
        found = PurePosixPath(source.file) if source is not None else None
    # data files are named relative to the project folder; an absolute name lies outside the repository
    return str(found) if found is not None and not found.is_absolute() else None
