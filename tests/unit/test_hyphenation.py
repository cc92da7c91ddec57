"""Soft hyphens in long words: where they go, in which language, and where never (site/hyphenation.py)."""

from __future__ import annotations

import pytest

from actionplan.site.hyphenation import hyphenate_html, hyphenator, strip_soft_hyphens


def page(body: str, lang: str = "de", head: str = "<title>Handlungskonzept</title>") -> str:
    return f'<!doctype html><html lang="{lang}" dir="ltr"><head>{head}</head><body>{body}</body></html>'


def shown(html: str) -> str:
    """The soft hyphens made visible, as `·`."""
    return html.replace("\u00ad", "·")


@pytest.mark.parametrize(
    ("lang", "word", "expected"),
    [
        ("de", "Ausbildungsbrücke", "Aus·bil·dungs·brü·cke"),
        ("de", "Antidiskriminierungsberatung", "An·ti·dis·kri·mi·nie·rungs·be·ra·tung"),
        ("de", "zusammengeführt", "zu·sam·men·ge·führt"),
        # pyphen reads one level of the two-level German dictionary ("Gemeinwese-n-a-r-beit"):
        # no break next to a piece of one letter
        ("de", "Gemeinwesenarbeit", "Ge·mein·we·senarbeit"),
        ("de", "Umsetzung", "Umsetzung"),  # nine letters: fits a line
        ("ru", "Интеграционный", "Ин·те·гра·ци·он·ный"),
        ("uk", "Інтеграційний", "Ін·тегра·цій·ний"),
        ("en", "neighbourhood", "neigh·bour·hood"),
        ("ar", "والمجتمعية", "والمجتمعية"),  # no dictionary: left as it is
        ("tr", "Entegrasyonunun", "Entegrasyonunun"),
    ],
)
def test_a_long_word_gets_soft_hyphens_by_its_language(lang: str, word: str, expected: str) -> None:
    assert shown(hyphenate_html(page(f"<p>{word}</p>", lang))) == page(f"<p>{expected}</p>", lang)


def test_the_nearest_lang_decides_and_the_page_lang_is_read_from_the_html() -> None:
    body = (
        '<p>Handlungskonzept <span lang="ar" dir="rtl">Handlungskonzept</span></p>'
        '<p lang="de" dir="ltr">Gemeinschaftsräume</p>'
    )
    result = shown(hyphenate_html(page(body, "ar"), "de"))
    assert result == page(
        '<p>Handlungskonzept <span lang="ar" dir="rtl">Handlungskonzept</span></p>'
        '<p lang="de" dir="ltr">Ge·mein·schafts·räume</p>',
        "ar",
    )
    assert shown(hyphenate_html(page(body, "de"))) == page(
        '<p>Hand·lungs·kon·zept <span lang="ar" dir="rtl">Handlungskonzept</span></p>'
        '<p lang="de" dir="ltr">Ge·mein·schafts·räume</p>',
        "de",
    )


def test_code_attributes_head_addresses_and_numbers_stay_as_written() -> None:
    body = (
        '<h1 id="handlungskonzept" title="Handlungskonzept">Handlungskonzept</h1>'
        "<pre><code>Handlungskonzept</code></pre><p><code>Handlungskonzept</code> <kbd>Handlungskonzept</kbd></p>"
        '<script src="x.js">var Handlungskonzept = "<p>Handlungskonzept</p>";</script>'
        "<style>.Handlungskonzept{}</style><textarea>Handlungskonzept</textarea>"
        '<svg viewBox="0 0 1 1"><text>Handlungskonzept</text></svg>'
        "<p>integration@musterstadt.example https://integration.musterstadt.example/handlungskonzept/ "
        "www.handlungskonzept.example Handlungskonzept2026 WQ-Handlungskonzept-03 &amp;Handlungskonzept "
        "Hand\u00adlungskonzept</p><!-- Handlungskonzept -->"
    )
    html = page(body, head='<title>Handlungskonzept</title><meta name="description" content="Handlungskonzept">')
    assert hyphenate_html(html) == html.replace(">Handlungskonzept</h1>", ">Hand\u00adlungs\u00adkon\u00adzept</h1>")


def test_links_and_headings_are_hyphenated_and_markup_kept_byte_for_byte() -> None:
    body = (
        '<nav class="md-nav"><a href="../handlungskonzept/" class="md-nav__link">Handlungskonzept</a></nav>'
        "<h2>Begegnungsräume<br>Quartiersmanagement</h2><p>Die Gemeinschaftsräume, „Begegnungsorte“.</p>"
    )
    assert shown(hyphenate_html(page(body))) == page(
        '<nav class="md-nav"><a href="../handlungskonzept/" class="md-nav__link">Hand·lungs·kon·zept</a></nav>'
        "<h2>Be·geg·nungs·räume<br>Quar·tiers·ma·na·ge·ment</h2><p>Die Ge·mein·schafts·räume, „Be·geg·nungs·orte“.</p>"
    )


def test_one_hyphenator_serves_many_pages_and_soft_hyphens_strip_back_to_the_text() -> None:
    hyphenate = hyphenator()
    first = hyphenate(page("<p>Ausbildungsbrücke</p>"))
    assert hyphenate(page("<p>Ausbildungsbrücke</p>")) == first
    assert strip_soft_hyphens(first) == page("<p>Ausbildungsbrücke</p>")
    assert hyphenate("<p>Ausbildungsbrücke</p>", "de") == "<p>Ausbildungsbrücke</p>"  # no body: not a page
