"""The Content-Security-Policy meta tag: inline scripts allowed by hash only."""

from __future__ import annotations

import base64
import hashlib

from actionplan.site.csp import add_policy, script_hashes

PAGE = (
    '<html><head><meta charset="utf-8"><title>t</title>'
    "<script>var a = 1;</script>"
    '<script src="bundle.js"></script>'
    '<script id="__config" type="application/json">{"a": 1}</script>'
    "<script>var a = 1;</script>"
    "</head><body><script>\nb()\n</script></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_scripts_that_run_are_hashed_once_each() -> None:
    assert script_hashes(PAGE) == [sha("var a = 1;"), sha("\nb()\n")]


def test_policy_follows_the_charset_and_lists_the_hashes() -> None:
    html = add_policy(PAGE)

    start = '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' '
    assert html.startswith("<html><head>" + start)
    assert f"script-src 'self' {sha('var a = 1;')} {sha(chr(10) + 'b()' + chr(10))} 'wasm-unsafe-eval';" in html
    assert "object-src 'none'; base-uri 'self'; form-action 'self'\">" in html
    assert html.count("Content-Security-Policy") == 1


def test_a_page_without_charset_is_left_alone() -> None:
    assert add_policy("<p>x</p>") == "<p>x</p>"
