"""Content-Security-Policy as a <meta> tag (GitHub Pages sends no headers of its own).

Scripts run only from the site itself or, inline, when their exact hash is listed; the
theme writes two small inline scripts per page, so the hashes are computed per page.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")

POLICY = (
    "default-src 'self'; "
    "script-src 'self' {hashes} 'wasm-unsafe-eval'; "  # wasm: Pagefind's search runs as WebAssembly
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "worker-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') of every inline script that a browser would run."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(f'type="{kind}"' in attrs for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def add_policy(html: str) -> str:
    """The page with its Content-Security-Policy meta tag right after <meta charset>."""
    policy = POLICY.format(hashes=" ".join(script_hashes(html)))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _CHARSET.sub(lambda m: m[0] + tag, html, count=1)
