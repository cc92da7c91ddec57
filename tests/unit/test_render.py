"""Rendering markers and generated pages to HTML in German, English and Arabic."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.plan.errors import PlanErrors
from actionplan.plan.loading import load_plan
from actionplan.plan.plan import Plan
from actionplan.site.markers import Marker
from actionplan.site.pages import Site
from actionplan.site.render import Renderer, make_environment

from .helpers import LANGUAGES, TEMPLATES

PLACED = {
    "fields": "handlungskonzept/index.md",
    "progress": "handlungskonzept/index.md",
    "principles": "leitbild.md",
    "quarters": "quartiere.md",
}

FALLBACK_P = '<p lang="de" dir="ltr" class="plan-fallback">'
FALLBACK_SPAN = '<span lang="de" dir="ltr" class="plan-fallback">'


def renderer(plan: Plan, lang: str, placed: dict[str, str] | None = None) -> Renderer:
    return Renderer(plan, lang, Site("de", PLACED if placed is None else placed), make_environment(TEMPLATES))


def render(plan: Plan, lang: str, name: str, page_url: str, **args: str) -> tuple[str, bool]:
    return renderer(plan, lang).marker(Marker(name, args), page_url)


def measure_page(plan: Plan, lang: str, measure_id: str) -> tuple[str, bool]:
    prefix = "" if lang == "de" else f"{lang}/"
    return render(plan, lang, "measure", f"{prefix}massnahmen/{measure_id.lower()}/", id=measure_id)


def listed_ids(html: str) -> list[str]:
    return re.findall(r"<td>([A-Z]{2}-\d{2})</td>", html)


# ---- Site paths


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("handlungskonzept/index.md", "handlungskonzept/"),
        ("index.md", ""),
        ("leitbild.md", "leitbild/"),
        ("a/b/quartiere.md", "a/b/quartiere/"),
    ],
)
def test_listing_path(source: str, path: str) -> None:
    assert Site("de", {"principles": source}).listing_path("principles") == path


def test_site_paths() -> None:
    site = Site("de")

    assert site.listing_path("principles") is None
    assert (site.prefix("de"), site.prefix("ar")) == ("", "ar/")
    assert Site.measure_path("WQ-01") == "massnahmen/wq-01/"
    assert Site.field_path("wohnen-quartier") == "handlungskonzept/wohnen-quartier/"


# ---- A measure page


def test_measure_page_in_english(plan: Plan) -> None:
    html, fallback = measure_page(plan, "en", "WQ-01")

    assert fallback is True  # the description exists only in German
    assert '<nav class="plan-breadcrumb" aria-label="You are here">' in html
    assert '<li><a href="../../handlungskonzept/">Action plan</a></li>' in html
    assert '<li><a href="../../handlungskonzept/wohnen-quartier/">Housing and neighbourhood</a></li>' in html
    assert (
        '<div><dt>Status</dt><dd><span class="plan-status plan-status--laufend">in progress</span></dd></div>' in html
    )
    assert '<rect class="plan-progress__fill" x="0.0" width="45.0" height="8"/>' in html
    assert '<span class="plan-progress__value">45%</span>' in html
    assert '<div><dt>Last update</dt><dd><time datetime="2026-10-01">October 1, 2026</time></dd></div>' in html
    assert "<p>Each neighbourhood gets a permanent contact person with an office on site.</p>" in html
    assert (
        '<li><a href="../../handlungskonzept/wohnen-quartier/#wq-z1">WQ-Z1 A contact point in every neighbourhood</a></li>'
        in html
    )
    assert (
        '<li><a href="../../handlungskonzept/sprache-bildung/#sb-z1">SB-Z1 German for every stage of life</a></li>'
        in html
    )
    assert '<li><a href="../../leitbild/#l2">L2 Diversity is normal</a></li>' in html
    assert "<li>6. Networking and cooperation</li>" in html  # no page shows the criteria: no link
    assert '<li><a href="../../quartiere/suedstadt/">Südstadt</a></li>' in html
    assert "<dt>Lead</dt>\n<dd>Integration Coordination Unit</dd>" in html
    assert "<li>Association for Community Work</li>" in html
    assert "<dd>March 2026 to December 2027</dd>" in html
    assert "<dd>EUR 410,000 (funding secured)<br>Funding: Municipal budget (annual amount)</dd>" in html
    assert (
        '<tr><td>Cooperation agreement signed</td><td data-label="due">June 2026</td>'
        '<td data-label="done">on June 30, 2026</td></tr>'
    ) in html
    assert (
        '<tr><td>All posts filled</td><td data-label="due">June 2027</td><td data-label="done">open</td></tr>' in html
    )
    assert (
        '<title id="ind-1-title">Chart: baseline 140, latest 1,390.5, target 700 (contacts per month)</title>' in html
    )
    assert "<caption>Values in contacts per month</caption>" in html
    assert "<tr><td>June 2026</td><td>Measured</td><td>165</td><td></td></tr>" in html


def test_history_is_newest_first_with_sources(plan: Plan) -> None:
    html, _ = measure_page(plan, "en", "WQ-01")

    heads = re.findall(r'<p class="plan-timeline__head"><time datetime="([\d-]+)">', html)
    assert heads == ["2026-10-01", "2026-04-23", "2026-02-26"]
    assert (
        '<time datetime="2026-02-26">February 26, 2026</time> <span class="plan-status plan-status--geplant">planned</span>'
        ' <span class="plan-timeline__progress">Progress: 0%</span>' in html
    )
    assert (
        '<p class="plan-timeline__source">Source: <a href="https://www.musterstadt.example/drucksache-2026-101"'
        ' dir="ltr">https://www.musterstadt.example/drucksache-2026-101</a></p>' in html
    )
    assert (
        '<p class="plan-timeline__source">Source: <span lang="de" dir="ltr">Ratsbeschluss, Drucksache 2026/014</span></p>'
        in html
    )


def test_description_paragraphs_are_separate(plan: Plan) -> None:
    # The blank line of a folded YAML text (">-") separates paragraphs; YAML keeps it as one "\n".
    html, _ = measure_page(plan, "en", "WQ-01")

    assert (
        f"{FALLBACK_P}Die Kümmerinnen sind Anlauf- und Vernetzungsstelle zugleich.</p>\n"
        f"{FALLBACK_P}Träger ist der Verein für Gemeinwesenarbeit.</p>" in html
    )


def test_measure_page_in_german(plan: Plan) -> None:
    html, fallback = measure_page(plan, "de", "WQ-01")

    assert fallback is False
    assert "plan-fallback" not in html
    assert '<li><a href="../../handlungskonzept/wohnen-quartier/">Wohnen und Quartier</a></li>' in html
    assert '<span class="plan-status plan-status--laufend">in Umsetzung</span>' in html
    assert '<span class="plan-progress__value">45 %</span>' in html
    assert '<time datetime="2026-10-01">1. Oktober 2026</time>' in html
    assert "<dd>März 2026 bis Dezember 2027</dd>" in html
    assert (
        "<dd>410.000 EUR (Finanzierung gesichert)<br>Finanzierung: Städtischer Haushalt (jährlicher Betrag)</dd>"
        in html
    )
    assert "<td>1.390,5</td>" in html
    assert (
        '<tr><td>Kooperationsvertrag geschlossen</td><td data-label="fällig">Juni 2026</td>'
        '<td data-label="erledigt">am 30. Juni 2026</td></tr>'
    ) in html


def test_german_only_texts_are_marked_in_english(plan: Plan) -> None:
    html, fallback = measure_page(plan, "en", "SB-01")

    assert fallback is True
    assert f"{FALLBACK_P}Eltern kleiner Kinder lernen Deutsch, während ihre Kinder betreut werden.</p>" in html
    assert f"<dt>Lead</dt>\n<dd>{FALLBACK_SPAN}Fachbereich Schule und Bildung</span></dd>" in html
    assert '<a href="../../handlungskonzept/sprache-bildung/">Language and education</a>' in html
    assert "<dt>Neighbourhoods</dt>\n<dd>the whole town</dd>" in html
    assert "<dd>from September 1, 2026</dd>" in html
    assert '<h2 id="meilensteine">' not in html  # no milestones, no heading
    assert '<h2 id="indikatoren">' not in html
    assert "<dt>Budget</dt>" not in html


def test_measure_without_any_german_only_text_needs_no_fallback(plan: Plan) -> None:
    html, fallback = measure_page(plan, "en", "WQ-02")

    assert fallback is False
    assert "plan-fallback" not in html


def test_merged_measure_links_to_its_successor(plan: Plan) -> None:
    html, _ = measure_page(plan, "en", "WQ-02")

    assert (
        '<div class="admonition info plan-merged">\n<p class="admonition-title">Merged</p>\n'
        "<p>On May 12, 2026 this measure was merged into measure WQ-01: "
        '<a href="../wq-01/">A permanent community worker for every neighbourhood</a></p>\n</div>' in html
    )
    assert '<span class="plan-status plan-status--zusammengefuehrt">merged</span>' in html
    assert '<span class="plan-progress__value">10%</span>' in html
    assert "<dt>Neighbourhoods</dt>\n<dd>the whole town</dd>" in html


def test_measure_page_in_arabic(plan: Plan) -> None:
    html, fallback = measure_page(plan, "ar", "WQ-01")

    assert fallback is True  # the fixture has no Arabic data texts
    assert '<span class="plan-status plan-status--laufend">قيد التنفيذ</span>' in html
    assert '<span class="plan-progress__value">45٪</span>' in html
    assert '<rect class="plan-progress__fill" x="55.0" width="45.0" height="8"/>' in html  # grows from the right
    assert '<time datetime="2026-10-01">1 أكتوبر 2026</time>' in html
    assert f'<a href="../../handlungskonzept/wohnen-quartier/">{FALLBACK_SPAN}Wohnen und Quartier</span></a>' in html
    assert "<dd>من مارس 2026 إلى ديسمبر 2027</dd>" in html
    assert '<polyline class="plan-chart__measured" points="336.0,107.9 258.2,106.1 206.1,18.0"/>' in html


def test_page_titles(plan: Plan) -> None:
    def title(lang: str, name: str, **args: str) -> str | None:
        return renderer(plan, lang).page_title(Marker(name, args))

    assert title("en", "measure", id="SB-01") == "SB-01: German courses with childcare"
    assert title("ar", "measure", id="SB-01") == "SB-01: Deutschkurse mit Kinderbetreuung"
    assert title("en", "field", id="sprache-bildung") == "Language and education"
    assert title("en", "quarter", id="nordstadt") == "Nordstadt"
    assert title("en", "search") == "Search"
    assert title("en", "progress") is None  # editors' markers make no page of their own


# ---- Links


@pytest.mark.parametrize(
    ("lang", "page_url", "field_link", "measure_link"),
    [
        ("de", "massnahmen/", "../handlungskonzept/wohnen-quartier/", "wq-01/"),
        ("en", "en/massnahmen/", "../handlungskonzept/wohnen-quartier/", "wq-01/"),
        ("en", "en/", "handlungskonzept/wohnen-quartier/", "massnahmen/wq-01/"),
        ("ar", "ar/quartiere/", "../handlungskonzept/wohnen-quartier/", "../massnahmen/wq-01/"),
        ("de", "", "handlungskonzept/wohnen-quartier/", "massnahmen/wq-01/"),
    ],
)
def test_links_are_relative(plan: Plan, lang: str, page_url: str, field_link: str, measure_link: str) -> None:
    fields, _ = render(plan, lang, "fields", page_url)
    measures, _ = render(plan, lang, "measures", page_url)

    assert f'<a href="{field_link}">' in fields
    assert f'<td><a href="{measure_link}">' in measures
    assert 'href="/' not in fields + measures
    assert "http" not in fields + measures


def test_links_from_a_measure_page_to_its_field(plan: Plan) -> None:
    for lang, page_url in [("de", "massnahmen/wq-01/"), ("en", "en/massnahmen/wq-01/"), ("ar", "ar/massnahmen/wq-01/")]:
        html, _ = render(plan, lang, "measure", page_url, id="WQ-01")
        assert '<dd><a href="../../handlungskonzept/wohnen-quartier/">' in html


def test_listing_links_are_left_out_without_a_page(plan: Plan) -> None:
    html, _ = renderer(plan, "en", placed={}).marker(Marker("measure", {"id": "WQ-01"}), "en/massnahmen/wq-01/")

    assert "<li>L1 Integration is work on the whole community</li>" in html
    assert '<li><a href="../../quartiere/nordstadt/">Nordstadt</a></li>' in html  # every neighbourhood has a page
    assert '<li><a href="../../handlungskonzept/">Action plan</a></li>' in html  # the plan's own index is the default


# ---- Listings


def test_progress_overview_in_german(plan: Plan) -> None:
    html, fallback = render(plan, "de", "progress", "handlungskonzept/")

    assert fallback is False
    assert (
        '<p class="plan-overview__summary">3 Maßnahmen, durchschnittlicher Fortschritt 38 % '
        "(ohne eingestellte und zusammengeführte Maßnahmen).</p>" in html
    )
    assert (
        '<text x="0.0" y="-5.0" class="plan-chart__label" direction="ltr" text-anchor="start">Alle Maßnahmen</text>'
        in html
    )
    assert re.findall(r'<rect class="plan-fill--(\w+)" x="([\d.]+)" y="0.0" width="([\d.]+)"', html) == [
        ("laufend", "0.00", "400.00"),
        ("zusammengefuehrt", "400.00", "200.00"),
    ]
    assert (
        '<rect class="plan-fill--laufend" x="0.00" y="0.0" width="400.00" height="22"><title>in Umsetzung: 2</title></rect>'
        in html
    )
    assert '<th scope="row"><a href="wohnen-quartier/">Wohnen und Quartier</a></th>' in html
    assert "<td>3</td><td>38 %</td></tr>" in html
    assert "<td>1</td><td>30 %</td></tr>" in html  # Sprache und Bildung: only SB-01


def test_arabic_chart_is_mirrored(plan: Plan) -> None:
    html, fallback = render(plan, "ar", "progress", "ar/handlungskonzept/")

    assert fallback is True  # the field names are German
    assert (
        '<p class="plan-overview__summary">عدد الإجراءات: 3، متوسط التقدم 38٪ (دون الإجراءات الملغاة والمدمجة).</p>'
        in html
    )
    assert (
        '<text x="600" y="-5.0" class="plan-chart__label" direction="rtl" text-anchor="start">جميع الإجراءات</text>'
        in html
    )
    # The first status starts at the right edge: x > 0 where the left-to-right chart has 0.
    assert re.findall(r'<rect class="plan-fill--(\w+)" x="([\d.]+)" y="0.0" width="([\d.]+)"', html) == [
        ("laufend", "200.00", "400.00"),
        ("zusammengefuehrt", "0.00", "200.00"),
    ]
    assert (
        '<rect class="plan-fill--laufend" x="200.00" y="0.0" width="400.00" height="22"><title>قيد التنفيذ: 2</title></rect>'
        in html
    )


def test_progress_of_one_field(plan: Plan) -> None:
    html, _ = render(plan, "en", "progress", "en/", field="wohnen-quartier")

    assert (
        '<p class="plan-overview__summary">2 measures, average progress 45% '
        "(not counting discontinued and merged measures).</p>" in html
    )
    assert 'aria-labelledby="status-chart-wohnen-quartier-title"' in html
    assert '<tr><th scope="row">in progress</th><td>1</td><td>50%</td></tr>' in html
    assert '<tr><th scope="row">merged</th><td>1</td><td>50%</td></tr>' in html


def test_fields_in_english(plan: Plan) -> None:
    html, fallback = render(plan, "en", "fields", "en/handlungskonzept/")

    assert fallback is True
    assert '<h3 id="feld-wohnen-quartier"><a href="wohnen-quartier/">Housing and neighbourhood</a></h3>' in html
    assert '<p class="plan-card__figures">Measures: 2 · Goals: 2</p>' in html
    assert f"{FALLBACK_P}Sprache öffnet Türen zu Schule, Arbeit und Nachbarschaft.</p>" in html
    assert '<p class="plan-card__figures">Measures: 1 · Goals: 1</p>' in html
    assert '<span class="plan-progress__value">30%</span>' in html


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ({}, ["SB-01", "WQ-01", "WQ-02"]),
        ({"field": "wohnen-quartier"}, ["WQ-01", "WQ-02"]),
        ({"status": "zusammengefuehrt"}, ["WQ-02"]),
        ({"quarter": "suedstadt"}, ["SB-01", "WQ-01", "WQ-02"]),  # SB-01 and WQ-02 are for the whole town
        ({"field": "wohnen-quartier", "status": "laufend"}, ["WQ-01"]),
    ],
)
def test_measures_filters(plan: Plan, args: dict[str, str], ids: list[str]) -> None:
    html, _ = render(plan, "en", "measures", "en/massnahmen/", **args)

    assert listed_ids(html) == ids


def test_measures_table_in_english(plan: Plan) -> None:
    html, fallback = render(plan, "en", "measures", "en/massnahmen/", field="wohnen-quartier")

    assert fallback is False
    assert "<caption>Measures with status and progress</caption>" in html
    assert '<td><a href="wq-01/">A permanent community worker for every neighbourhood</a></td>' in html
    assert (
        '<td data-label="Planned end">December 2027</td>\n'
        '<td data-label="Last update"><time datetime="2026-10-01">October 1, 2026</time></td>'
    ) in html
    assert (
        '<td></td>\n<td data-label="Last update"><time datetime="2026-05-12">May 12, 2026</time></td>' in html
    )  # WQ-02 has no due date


def test_no_measures(plan: Plan) -> None:
    assert render(plan, "de", "measures", "massnahmen/", status="abgeschlossen") == ("<p>Keine Maßnahmen.</p>\n", False)
    assert render(plan, "en", "measures", "en/massnahmen/", status="geplant") == ("<p>No measures.</p>\n", False)


def test_field_page(plan: Plan) -> None:
    html, fallback = render(plan, "en", "field", "en/handlungskonzept/wohnen-quartier/", id="wohnen-quartier")

    assert fallback is True  # the description of goal WQ-Z1 is German only
    assert '<li><a href="../">Action plan</a></li>\n<li aria-current="page">Housing and neighbourhood</li>' in html
    assert '<h3 id="wq-z1">WQ-Z1 A contact point in every neighbourhood</h3>' in html
    assert f"{FALLBACK_P}Jedes Quartier hat ein Büro mit festen Sprechzeiten.</p>" in html
    assert (
        '<li>WQ-01 <a href="../../massnahmen/wq-01/">A permanent community worker for every neighbourhood</a>'
        ' – <span class="plan-status plan-status--laufend">in progress</span></li>' in html
    )
    assert "<caption>Measures in Housing and neighbourhood by status</caption>" in html
    assert listed_ids(html) == ["WQ-01", "WQ-02"]


def test_principles_criteria_and_quarters(plan: Plan) -> None:
    principles, principles_fallback = render(plan, "en", "principles", "en/leitbild/")
    criteria, _ = render(plan, "en", "quality-criteria", "en/leitbild/")
    quarters, _ = render(plan, "en", "quarters", "en/quartiere/")

    assert principles_fallback is True  # the text of L2 is German only
    assert '<li id="l1" class="plan-principle">' in principles
    assert f"{FALLBACK_P}Vielfalt ist kein Ausnahmezustand, sondern Alltag.</p>" in principles
    assert "<summary>Measures following this principle: 1</summary>" in principles
    assert '<li id="qm-6" class="plan-criterion" value="6">' in criteria
    assert criteria.count("<summary>Measures serving this criterion: 1</summary>") == 2  # criteria 1 and 6
    assert '<h3 id="suedstadt"><a href="suedstadt/">Südstadt</a></h3>' in quarters
    assert f"{FALLBACK_P}Ruhiges Wohngebiet am Stadtpark.</p>" in quarters
    assert quarters.count('<p class="plan-quarter__citywide">Plus town-wide measures: 2</p>') == 2


def test_fallback_notice(plan: Plan) -> None:
    parts = renderer(plan, "en").fallback_notice("en/massnahmen/wq-01/", whole_page=False)
    page = renderer(plan, "ar").fallback_notice("ar/leitbild/", whole_page=True)

    assert parts == (
        '<div class="admonition warning plan-fallback-notice" role="note">\n'
        '<p class="admonition-title">Not yet translated</p>\n'
        "<p>Some texts on this page are not yet translated into English and are shown in German.</p>\n"
        "</div>"
    )
    assert "<p>هذه الصفحة غير متوفرة بالعربية بعد. أنت تقرأ النص الألماني.</p>" in page


# ---- Escaping


@pytest.fixture
def hostile_plan(make_data: Callable[..., Path]) -> Plan:
    data = make_data()
    path = data / "measures" / "wq-01.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  en: A permanent community worker for every neighbourhood",
        "  en: 'Workers <script>alert(\"x\")</script> & <b>more</b>'",
    )
    text = text.replace("    source: Ratsbeschluss, Drucksache 2026/014", "    source: 'javascript:alert(1)'")
    text = text.replace(
        "    source: https://www.musterstadt.example/drucksache-2026-101",
        "    source: 'https://www.musterstadt.example/?a=1&b=\"><script>x</script>'",
    )
    path.write_text(text, encoding="utf-8")
    return load_plan(data, data.parent, LANGUAGES)


def test_data_texts_are_escaped(hostile_plan: Plan) -> None:
    page, _ = measure_page(hostile_plan, "en", "WQ-02")
    listing, _ = render(hostile_plan, "en", "measures", "en/massnahmen/")
    own, _ = measure_page(hostile_plan, "en", "WQ-01")

    escaped = "Workers &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;"
    assert f'<a href="../wq-01/">{escaped}</a>' in page
    assert f'<td><a href="wq-01/">{escaped}</a></td>' in listing
    for html in (page, listing, own):
        assert "<script" not in html
        assert "<b>" not in html
    assert 'Source: <span lang="de" dir="ltr">javascript:alert(1)</span></p>' in own  # not a link
    assert 'href="javascript:' not in own
    assert (
        '<a href="https://www.musterstadt.example/?a=1&amp;b=&#34;&gt;&lt;script&gt;x&lt;/script&gt;" dir="ltr">' in own
    )
    # The page title is plain text; the MkDocs hook escapes it.
    assert renderer(hostile_plan, "en").page_title(Marker("measure", {"id": "WQ-01"})) == (
        'WQ-01: Workers <script>alert("x")</script> & <b>more</b>'
    )


DECLARATION = """state: beschlossen
body: {de: Rat der Stadt Musterstadt, en: Town council of Musterstadt}
date: 2026-02-26
reference: Drucksache 2026/014
subject: {de: Leitbild und Handlungskonzept}
vote: {in_favour: 38, against: 5, abstentions: 2}
signatory: {name: Dr. Maria Beispiel, role: {de: Bürgermeisterin, en: Mayor}}
"""


def test_declaration_record_and_binding_notice(make_data: Callable[..., Path]) -> None:
    data = make_data()
    (data / "declaration.yml").write_text(DECLARATION, encoding="utf-8")
    plan = load_plan(data, data.parent, LANGUAGES)

    german, _ = render(plan, "de", "declaration", "erklaerung/")
    english, fallback = render(plan, "en", "declaration", "en/erklaerung/")

    assert "plan-binding" not in german
    assert "<dd>38 Ja, 5 Nein, 2 Enthaltungen</dd>" in german
    assert '<span class="plan-status plan-status--abgeschlossen">beschlossen</span>' in german
    assert "<p>Only the German text of the declaration is binding; this translation is for information.</p>" in english
    assert "<dd>38 in favour, 5 against, 2 abstentions</dd>" in english
    assert "<dd>Dr. Maria Beispiel, Mayor</dd>" in english
    assert '<dd><span lang="de" dir="ltr" class="plan-fallback">Leitbild und Handlungskonzept</span></dd>' in english
    assert fallback is True


def test_declaration_with_a_wrong_state_is_reported(make_data: Callable[..., Path]) -> None:
    data = make_data()
    (data / "declaration.yml").write_text(DECLARATION.replace("beschlossen", "angenommen"), encoding="utf-8")

    with pytest.raises(PlanErrors) as caught:
        load_plan(data, data.parent, LANGUAGES)

    assert [str(e) for e in caught.value.errors] == [
        "data/declaration.yml:1:8: state: „angenommen“ ist kein gültiger Stand (erlaubt: beschlossen, entwurf)"
    ]


def test_neighbourhood_page_with_and_without_a_community_worker(make_data: Callable[..., Path]) -> None:
    data = make_data()
    quarters = data / "quarters.yml"
    text = quarters.read_text(encoding="utf-8")
    first_end = text.index("\n- id:", text.index("- id:") + 1)  # the end of the first neighbourhood
    contact = (
        "\n  contact:\n    name: Leyla Aydın\n    role: {de: Kümmerin, en: Community worker}\n"
        "    office: Stadtteiltreff\n    hours: {de: Dienstag 10–13 Uhr}\n    languages: [tr, uk]\n"
        "    email: nordstadt@example.org"
    )
    quarters.write_text(text[:first_end] + contact + text[first_end:], encoding="utf-8")
    plan = load_plan(data, data.parent, LANGUAGES)
    first, second = plan.quarters

    with_worker, fallback = render(plan, "en", "quarter", f"en/quartiere/{first.id}/", id=first.id)
    without, _ = render(plan, "de", "quarter", f"quartiere/{second.id}/", id=second.id)

    assert f'<h1 id="{first.id}">' in with_worker
    assert "<strong>Leyla Aydın</strong>, Community worker" in with_worker
    assert "<dd>Turkish, Ukrainian</dd>" in with_worker
    assert '<dd><span lang="de" dir="ltr" class="plan-fallback">Dienstag 10–13 Uhr</span></dd>' in with_worker
    assert fallback is True
    assert "<p>Die Stelle der Kümmerin oder des Kümmerers ist ausgeschrieben." in without
