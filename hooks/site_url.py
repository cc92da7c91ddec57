"""Keeps site_url the version's directory URL in versioned builds.

mike's plugin appends the version to site_url without a trailing slash ("…/2026.1"), and does
so again in each of static-i18n's nested language builds ("…/2026.1/2026.1"); static-i18n then
joins language paths onto it ("…/2026.1en/") in the sitemap and the language links
(mkdocs-static-i18n#265). This runs between the two, after mike (priority 0) and before
static-i18n (-100), and sets the one right value: the site's URL, the version, a slash.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

_site_url: str | None = None  # site_url as configured, before mike changed it


@event_priority(-50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site_url
    if not config.site_url:
        return config
    version = os.environ.get("MIKE_DOCS_VERSION", "")
    if _site_url is None:
        configured = config.site_url.rstrip("/")
        if version and configured.endswith("/" + version):
            configured = configured[: -len(version)]
        _site_url = configured.rstrip("/") + "/"
    config.site_url = urljoin(_site_url, version + "/") if version else _site_url
    return config
