"""The Content-Security-Policy meta tag: scripts from the site's own files only, no inline script, whatever the page holds."""

from __future__ import annotations

import re

from actionplan.site.csp import POLICY, add_policy

PAGE = (
    '<html><head><meta charset="utf-8"><title>t</title>'
    '<script src="assets/javascripts/theme/base.js" data-scope=".."></script>'
    '<script id="__config" type="application/json">{"a": 1}</script>'
    "</head><body><script>alert('injected')</script></body></html>"
)


def test_policy_follows_the_charset() -> None:
    html = add_policy(PAGE)

    start = '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' '
    assert html.startswith("<html><head>" + start)
    assert "object-src 'none'; base-uri 'self'; form-action 'self'\">" in html
    assert html.count("Content-Security-Policy") == 1


def test_an_inline_script_on_the_page_gets_no_hash_and_no_exception() -> None:
    policy = re.search(r'content="([^"]*)"', add_policy(PAGE))
    assert policy is not None
    script_src = next(part for part in policy[1].split("; ") if part.startswith("script-src"))

    assert script_src == "script-src 'self' 'wasm-unsafe-eval'"
    assert "sha256-" not in policy[1]
    assert "unsafe-inline" not in script_src
    assert add_policy(PAGE.replace("alert('injected')", "other()")) == add_policy(PAGE).replace(
        "alert('injected')", "other()"
    )


def test_frames_and_plugins_are_refused_too() -> None:
    assert "frame-src 'none'" in POLICY
    assert "object-src 'none'" in POLICY


def test_a_page_without_charset_is_left_alone() -> None:
    assert add_policy("<p>x</p>") == "<p>x</p>"
