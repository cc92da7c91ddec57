"""The promises enforced on written pages: no request to another host, no foreign script, no embedding.

Each folder of tests/fixtures/broken-prose/ is one hostile or careless addition to a prose page:
`page.md` is converted with the Markdown extensions of mkdocs.yml (as the build converts it),
checked as HTML, and must give exactly the lines of `expected.txt`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from actionplan.project import read_project
from actionplan.site.markdown import Prose
from actionplan.site.prose_safety import Finding, find_unsafe, prose_errors, source_lines

from .helpers import FIXTURES, PROJECT

CASES = sorted(path for path in (FIXTURES / "broken-prose").iterdir() if path.is_dir())
OWN = ["https://integration.musterstadt.example"]
PROSE = Prose.of(read_project(PROJECT))


def page_html(markdown: str) -> str:
    """The page as the build writes it, reduced to what matters: the converted prose inside a document."""
    body = PROSE.converter().convert(markdown)
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'
    )


def errors_of(markdown: str) -> list[str]:
    return [str(error) for error in prose_errors(page_html(markdown), "docs/leitbild.md", markdown, OWN)]


# ---- The broken cases


def test_every_case_is_run() -> None:
    assert len(CASES) == 38  # a case lost or added changes this number
    for case in CASES:
        assert (case / "expected.txt").read_text(encoding="utf-8").strip(), case.name


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_prose_gives_exactly_the_expected_errors(case: Path) -> None:
    markdown = (case / "page.md").read_text(encoding="utf-8")

    assert errors_of(markdown) == (case / "expected.txt").read_text(encoding="utf-8").splitlines()


# ---- What stays allowed


def test_links_to_other_sites_local_files_and_inline_images_are_allowed() -> None:
    markdown = (
        "# Leitbild\n\n"
        "Mehr beim [Bundesamt](https://www.bamf.example/) und per [E-Mail](mailto:integration@musterstadt.example).\n\n"
        "![Logo](bilder/logo.png) ![Punkt](data:image/png;base64,iVBORw0KGgo=)\n\n"
        '<a href="https://example.org/plan.pdf" download>Plan</a> <a href="#oben">nach oben</a>\n\n'
        '<img src="https://integration.musterstadt.example/bilder/logo.png" alt="">\n\n'
        '<video src="videos/film.mp4" poster="videos/film.jpg" controls></video>\n\n'
        '<p style="color: #333; background: url(bilder/muster.png)">Text</p>\n\n'
        '<link rel="canonical" href="https://integration.musterstadt.example/leitbild/">\n\n'
        '<script id="daten" type="application/json">{"a": 1}</script>\n\n'
        '<meta http-equiv="refresh" content="30">\n'
    )

    assert errors_of(markdown) == []


def test_the_sites_own_scripts_are_allowed() -> None:
    html = '<script src="../assets/javascripts/bundle.min.js"></script><script src="assets/javascripts/theme/base.js" data-scope=".."></script>'

    assert find_unsafe(html) == []


def test_a_script_from_elsewhere_on_the_site_is_not_its_own() -> None:
    assert [
        f.needle
        for f in find_unsafe('<script src="bilder/x.js"></script><script src="/x.js?assets/javascripts/"></script>')
    ] == [
        "bilder/x.js",
        "/x.js?assets/javascripts/",
    ]


def test_every_finding_is_reported_not_only_the_first() -> None:
    html = '<img src="https://a.example/1.png"><iframe src="https://b.example/"></iframe><p onclick="x()">'

    assert [f.needle for f in find_unsafe(html)] == ["https://a.example/1.png", "<iframe", "onclick"]


def test_scheme_and_host_are_compared_without_case_and_the_own_origin_exactly() -> None:
    own = ["https://integration.musterstadt.example/"]
    assert find_unsafe('<img src="HTTPS://Integration.Musterstadt.Example/a.png">', own) == []
    assert len(find_unsafe('<img src="http://integration.musterstadt.example/a.png">', own)) == 1  # other scheme
    assert len(find_unsafe('<img src="https://integration.musterstadt.example.evil.example/a.png">', own)) == 1


def test_blanks_and_tabs_around_and_inside_an_address_do_not_hide_it() -> None:
    assert [f.message.split(" – ")[0] for f in find_unsafe('<a href=" java\tscript:alert(1)">x</a>')] == [
        "<a href> enthält eine javascript:-Adresse, die ein Skript ausführt"
    ]
    assert len(find_unsafe('<img src="  https://tracker.example.com/p.png ">')) == 1
    assert len(find_unsafe('<img src="\x1f//tracker.example.com/p.png">')) == 1  # any C0 control is stripped


# ---- Locating a finding in the source


def test_the_nth_finding_of_an_address_is_on_the_line_of_its_nth_occurrence() -> None:
    source = "a\n![x](https://t.example/p.png)\nb\n![y](https://t.example/p.png)\n"
    findings = [Finding("https://t.example/p.png", "m"), Finding("https://t.example/p.png", "m")]

    assert source_lines(findings, source) == [2, 4]


def test_a_finding_shown_more_often_than_written_stays_on_the_last_line_and_unknown_text_on_none() -> None:
    findings = [Finding("<SCRIPT", "m"), Finding("<script", "m"), Finding("fehlt", "m")]

    assert source_lines(findings, "x\n<script>a()</script>\n") == [2, 2, 0]


def test_without_source_the_file_is_named_without_line() -> None:
    errors = prose_errors("<iframe></iframe>", "overrides (Theme)", None)

    assert [str(error) for error in errors] == [
        "overrides (Theme): <iframe> bettet Inhalte eines anderen Servers in die Seite ein und ist nicht erlaubt"
        " – bitte stattdessen einen Link setzen; Videos bitte unter docs/ ablegen"
    ]


# ---- Read as a browser reads the page


BROWSER_READING = [
    ('<a\nonclick="x()">a</a>', ["onclick"]),  # an event handler after a line break
    ('<p/onmouseover="x()">p</p>', ["onmouseover"]),  # after a slash
    ('<p title="x"onclick="x()">p</p>', ["onclick"]),  # right after a quote
    ('<div ONCLICK="x()">d</div>', ["onclick"]),  # upper case
    ('<img src="/\t/bilder.example/x.png">', ["/\t/bilder.example/x.png"]),  # a tab inside //
    ('<img src="\\\\bilder.example/x.png">', ["\\\\bilder.example/x.png"]),  # backslashes read as //
    ('<img src="&#104;ttps&#58;//bilder.example/x.png">', ["https://bilder.example/x.png"]),  # entity-encoded
    ("<img/src=//bilder.example/x.png>", ["//bilder.example/x.png"]),
    ('<div STYLE="background: url(//bilder.example/x.png)">d</div>', ["//bilder.example/x.png"]),
    ('<a href="java&#x09;script:alert(1)">a</a>', ["java\tscript:alert(1)"]),
    ('<A HREF="JAVASCRIPT:alert(1)">a</A>', ["JAVASCRIPT:alert(1)"]),
    ('<a href="#" ping="/zaehler">a</a>', ["ping"]),
    ('<svg><use href="https://bilder.example/icons.svg#a"></use></svg>', ["https://bilder.example/icons.svg#a"]),
    ('<svg><feImage href="//bilder.example/f.png"/></svg>', ["//bilder.example/f.png"]),
    ('<video poster="https://bilder.example/p.png"></video>', ["https://bilder.example/p.png"]),
    ("<style>p { background: url(https://bilder.example/x.png) }</style>", ["https://bilder.example/x.png"]),
    ("</p foo><img src=//bilder.example/x.png></>", ["//bilder.example/x.png"]),  # stray end tags
    # moved before the table by the parser, as a browser moves it: still found
    ('<table><tr><td>x</td></tr><iframe src="//video.example/"></iframe></table>', ["<iframe"]),
    # a template's content is shown by a declarative shadow root, or by a script: checked too
    (
        '<div><template shadowrootmode="open"><img src=//bilder.example/x.png></template></div>',
        ["//bilder.example/x.png"],
    ),
    ("<template><template><script>x()</script></template></template>", ["<script"]),
    # with scripts off a browser loads what <noscript> holds
    ("<noscript><img src=//bilder.example/x.png></noscript>", ["//bilder.example/x.png"]),
    # text, not markup, for a browser: nothing is requested
    (
        '<textarea><img src=//bilder.example/x.png></textarea><img src="//bilder.example/y.png">',
        ["//bilder.example/y.png"],
    ),
    ("<title><img src=//bilder.example/x.png></title>", []),
    ("<!-- <img src=//bilder.example/x.png> -->", []),
    # "</ style >" ends no <style>: the rest of the page is CSS text, the <img> no element
    (
        "<style>p {}</p> a { background: url(//bilder.example/x.png) }</ style ></p><img src=//bilder.example/y.png>",
        ["//bilder.example/x.png"],
    ),
    # found in review (4 December), most seen loading in Chromium before they were refused
    ('<noscript><p title="</noscript><img src=https://evil.example/n.png>"></p></noscript>', ["</noscript"]),
    ("<noscript><!-- </noscript><img src=//evil.example/x.png> --></noscript>", ["</noscript"]),
    ('<meta http-equiv="refresh" content="0,url=https://evil.example/">', ["https://evil.example/"]),
    ('<meta http-equiv="refresh" content="0 https://evil.example/">', ["https://evil.example/"]),
    (
        '<link rel="stylesheet" href="data:text/css,@import%20url(https://evil.example/x.css);">',
        ["data:text/css,@import%20url(https://evil"],
    ),
    (
        "<span style='--u:\"https://evil.example/x.png\";background-image:image-set(var(--u) 1x)'>x</span>",
        ["https://evil.example/x.png"],
    ),
    ('<svg><rect mask="url(https://evil.example/m.svg#m)"/></svg>', ["https://evil.example/m.svg#m"]),
    ('<svg><rect cursor="url(https://evil.example/c.png), auto"/></svg>', ["https://evil.example/c.png"]),
    ('<svg><image href="x.png"><set attributeName="href" to="https://evil.example/s.png"/></image></svg>', ["<set"]),
    ('<script src="bilder/x.js#assets/javascripts/"></script>', ["bilder/x.js#assets/javascripts/"]),
    ('<script src="assets/javascripts/../../bilder/x.js"></script>', ["assets/javascripts/../../bilder/x.js"]),
    # what stays allowed: a fragment in the page, a plain <noscript>, texts in CSS
    ('<svg><rect fill="url(#verlauf)"/></svg><noscript><p>Ohne JavaScript</p></noscript>', []),
    ('<p style="font-family: \'DejaVu Sans\'" title="Mehr (siehe https://bamf.example/)">t</p>', []),
    # a repeated attribute: the browser takes the first
    ('<img src="bilder/a.png" src="//bilder.example/x.png">', []),
]


@pytest.mark.parametrize(("html", "needles"), BROWSER_READING)
def test_markup_is_read_as_a_browser_reads_it(html: str, needles: list[str]) -> None:
    page = f"<!doctype html><html><body><p>Text</p>{html}<p>mehr</p></body></html>"

    assert [finding.needle for finding in find_unsafe(page, OWN)] == needles


def test_elements_passed_by_as_harmless_would_give_no_finding() -> None:
    from actionplan.site import prose_safety

    class CheckEverything(prose_safety._Checker):  # every element through the rules
        def _walk(self, top: LexborNode) -> None:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(prose_safety, "_harmless", lambda attributes: False)
                super()._walk(top)

    pages = [f"<!doctype html><html><body>{html}</body></html>" for html, _ in BROWSER_READING]
    pages += [page_html((case / "page.md").read_text(encoding="utf-8")) for case in CASES]
    for page in pages:
        everything = CheckEverything(frozenset(OWN))
        everything.check(LexborHTMLParser(page), page)
        assert everything.findings == find_unsafe(page, OWN), page
    assert prose_safety._harmless({"href": "../glossar/#kuemmerer", "class": "md-nav__link", "srcset": "a.png 2x"})
    assert not prose_safety._harmless({"href": "/\t/bilder.example/"})
    assert not prose_safety._harmless({"data-x": "1", "onclick": ""})


def test_css_without_parenthesis_at_sign_or_escape_is_not_parsed_and_loads_nothing() -> None:
    from actionplan.site.prose_safety import _may_load

    assert [_may_load(css) for css in ["--fortschritt: 40%", "width: 42%; color: red"]] == [False, False]
    assert [_may_load(css) for css in ["background: url(x.png)", '@import "a.css"', "background: u\\72l(x)"]] == [
        True,
        True,
        True,
    ]
    assert [f.needle for f in find_unsafe('<p style="background: \\75 rl(//bilder.example/x.png)">p</p>', OWN)] == [
        "//bilder.example/x.png"
    ]
