"""The project's facts from mkdocs.yml, read once: the only module that reads that file.

The published address (`site_url`, which the environment variable SITE_URL overrides through
MkDocs' `!ENV` tag), the languages of static-i18n and the default one, the site's name in each
language, the Markdown extensions with their settings, and where prose and theme lie. The
command line reads them here; the MkDocs hooks read them here too, for what MkDocs' own
configuration does not hand to the core (the Markdown extensions for the PDF).

A leaf: it imports nothing of the package, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"
DEFAULT_SITE_URL = "https://localhost/"
"""Where a project without `site_url` is said to live (links in feeds and PDFs need some address)."""


@dataclass(frozen=True)
class Project:
    """What mkdocs.yml says about the site, with paths made absolute."""

    root: Path
    site_url: str  # "" when mkdocs.yml names none
    languages: tuple[str, ...]
    default_language: str
    site_names: dict[str, str]  # language -> the site's name in it
    docs_dir: Path
    theme_dir: Path  # the theme's custom_dir (overrides/)
    markdown_extensions: tuple[str, ...] = ()
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict)  # extension -> its settings

    @property
    def template_dir(self) -> Path:
        """The templates of the generated content (overrides/plan/)."""
        return self.theme_dir / "plan"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def public_url(self) -> str:
        """The site's address for links that must be absolute (CITATION.cff, PDFs): never empty."""
        return self.site_url or DEFAULT_SITE_URL

    @property
    def site_name(self) -> str:
        """The site's name in the default language."""
        return self.site_names.get(self.default_language) or "Handlungskonzept"


def read_mkdocs_yml(path: Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """mkdocs.yml as data: `!ENV` resolved from `environ` as MkDocs does, other tags read as empty."""
    values = environ or {}

    class _Loader(yaml.SafeLoader):
        pass

    def env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        # !ENV NAME or !ENV [NAME, OTHER, default]: the first variable that is set, else the default
        if isinstance(node, yaml.ScalarNode):
            return values.get(str(loader.construct_scalar(node)))
        names = [loader.construct_object(child) for child in node.value] if isinstance(node, yaml.SequenceNode) else []
        for name in names[:-1]:
            if isinstance(name, str) and name in values:
                return values[name]
        return names[-1] if len(names) > 1 else (values.get(names[0]) if names else None)

    _Loader.add_constructor("!ENV", env_tag)
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return config


def read_project(root: Path, environ: Mapping[str, str] | None = None) -> Project:
    """The facts of the project in `root` (the folder of mkdocs.yml); `environ` resolves `!ENV`."""
    config = read_mkdocs_yml(root / CONFIG_FILE, environ)
    name = str(config.get("site_name") or "")
    languages, default, names = ["de"], "de", {"de": name}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"]["languages"]
            languages = [entry["locale"] for entry in entries]
            default = next((entry["locale"] for entry in entries if entry.get("default")), languages[0])
            names = {entry["locale"]: str(entry.get("site_name") or name) for entry in entries}
    extensions: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for extension, settings in entry.items():
                extensions.append(str(extension))
                configs[str(extension)] = dict(settings or {})
        else:
            extensions.append(str(entry))
    theme = config.get("theme") or {}
    return Project(
        root=root,
        site_url=str(config.get("site_url") or ""),
        languages=tuple(languages),
        default_language=default,
        site_names=names,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        theme_dir=root / str((theme.get("custom_dir") if isinstance(theme, dict) else None) or "overrides"),
        markdown_extensions=tuple(extensions),
        markdown_configs=configs,
    )
