"""The one Markdown pipeline of the prose: the extensions and settings of mkdocs.yml.

MkDocs converts the web pages with `markdown_extensions` of mkdocs.yml; the PDF converts the
same prose with exactly those extensions and settings, read by project.py – adding an extension
to mkdocs.yml changes both. Only what serves the web page alone is left out of print: the
table of contents' permalinks and heading ids (`toc`), whose anchors the printed document has
not got (its parts and measures have their own).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import markdown

from ..project import Project

WEB_ONLY = ("toc",)
"""Extensions that only add to the web page (permalinks, heading anchors), not to what the prose says."""


@dataclass(frozen=True)
class Prose:
    """How prose Markdown is converted: the extensions of mkdocs.yml and their settings."""

    extensions: tuple[str, ...]
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> Prose:
        """The project's pipeline, from mkdocs.yml."""
        return cls(project.markdown_extensions, project.markdown_configs)

    def converter(self, *, for_print: bool = False) -> markdown.Markdown:
        """A fresh converter (Python-Markdown keeps state per document); for print without `WEB_ONLY`."""
        names = [name for name in self.extensions if not (for_print and name in WEB_ONLY)]
        configs = {name: dict(self.configs[name]) for name in names if name in self.configs}
        return markdown.Markdown(extensions=names, extension_configs=configs)
