"""Glossary links: the first use of a term on a page, never inside links, headings or controls."""

from __future__ import annotations

from actionplan.site.glossary import link_terms

TERMS = [("handlungsfeld", ["Handlungsfeld", "Handlungsfelder"]), ("federfuehrend", ["federführend", "Federführung"])]


def _href(term_id: str) -> str:
    return f"../glossar/#{term_id}"


def test_only_the_first_use_of_each_term_is_linked() -> None:
    html = "<p>Sechs Handlungsfelder; jedes Handlungsfeld ist federführend besetzt, federführend bleibt.</p>"
    assert link_terms(html, TERMS, _href) == (
        '<p>Sechs <a class="plan-term" href="../glossar/#handlungsfeld">Handlungsfelder</a>; jedes Handlungsfeld'
        ' ist <a class="plan-term" href="../glossar/#federfuehrend">federführend</a> besetzt, federführend bleibt.</p>'
    )


def test_headings_links_and_controls_are_left_alone_and_the_next_use_is_linked() -> None:
    html = (
        '<h2 id="x">Handlungsfeld</h2><p><a href="a/">Handlungsfeld</a> <code>Handlungsfeld</code></p>'
        "<label>Handlungsfeld</label><select><option>Handlungsfeld</option></select>"
        "<!-- Handlungsfeld --><dt>Handlungsfeld</dt>"
    )
    assert link_terms(html, TERMS[:1], _href) == (
        '<h2 id="x">Handlungsfeld</h2><p><a href="a/">Handlungsfeld</a> <code>Handlungsfeld</code></p>'
        "<label>Handlungsfeld</label><select><option>Handlungsfeld</option></select>"
        '<!-- Handlungsfeld --><dt><a class="plan-term" href="../glossar/#handlungsfeld">Handlungsfeld</a></dt>'
    )


def test_a_term_inside_a_longer_word_is_no_use_of_it() -> None:
    html = "<p>Handlungsfeldleitung, Federführungsrunde</p>"
    assert link_terms(html, TERMS, _href) == html


def test_words_in_other_scripts_are_matched_whole() -> None:
    html = "<p>في مجالات العمل الستة، ومجالات العملية</p>"
    linked = link_terms(html, [("handlungsfeld", ["مجال العمل", "مجالات العمل"])], _href)
    assert (
        linked
        == '<p>في <a class="plan-term" href="../glossar/#handlungsfeld">مجالات العمل</a> الستة، ومجالات العملية</p>'
    )
