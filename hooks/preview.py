"""`make serve`'s quick preview: only the languages asked for (PLAN_PREVIEW=de, ar, all).

The default language is always built (it is the site's root); `PLAN_PREVIEW=ar` adds Arabic,
`all` builds every language. The rest of what the preview leaves out (search index, open data,
citations) is decided in the core (`BuildOptions.preview`); without PLAN_PREVIEW nothing changes.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from actionplan.build import BuildOptions
from actionplan.plan.errors import PlanErrors


@event_priority(-90)  # before static-i18n's on_config (-100), which reads which languages to build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    options = BuildOptions.from_environ(os.environ)
    if options.preview is None:
        return config
    i18n: Any = config.plugins["i18n"]  # mkdocs-static-i18n ships no type hints
    if i18n.building:
        return config  # a nested language build: the first one chose already
    languages = [language.locale for language in i18n.config.languages]
    default = next((language.locale for language in i18n.config.languages if language.default), languages[0])
    try:
        wanted = options.preview_languages(languages, default)
    except PlanErrors as exc:
        raise PluginError(exc.report()) from None
    for language in i18n.config.languages:
        language.build = language.locale in wanted
    return config
