"""Content-Security-Policy as a <meta> tag (GitHub Pages sends no headers of its own).

Scripts run only from the site's own files: the policy lists no inline script at all, not even
by hash. The theme's inline scripts are files (overrides/partials/javascripts/ includes them
from overrides/assets/javascripts/theme/), so a `<script>` that slipped into a page – past the
build's own check in prose_safety.py – does not run; the browser reports it as a violation.
"""

from __future__ import annotations

import re

_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)

POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "  # wasm: Pagefind's search runs as WebAssembly
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "worker-src 'self'; "
    "frame-src 'none'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)
"""The same for every page: nothing in it depends on what a page contains."""


def add_policy(html: str) -> str:
    """The page with its Content-Security-Policy meta tag right after <meta charset>."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    return _CHARSET.sub(lambda m: m[0] + tag, html, count=1)
