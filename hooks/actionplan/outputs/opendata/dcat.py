"""The DCAT-AP.de 3.0 description of the open data (dcat.rdf): a graph built and serialized by rdflib.

One `dcat:Dataset` with one `dcat:Distribution` per file, the way GovData's harvesters read it
(RDF/XML). Addresses are absolute where the site has one; dates and sizes are typed literals –
`dcat:byteSize` as `xsd:nonNegativeInteger`, which DCAT-AP 3.0 requires. No blank node gets a
random name and the serializer sorts what it writes, so the same data give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import OWL, RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from ...plan.model import GERMAN
from ..licences import DCAT_LICENCES
from .context import FILE_TYPES, OPEN_DATA_DIR, Context, Download

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA = "http://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
THEMES = ("SOCI", "GOVE")  # population and society; government and public sector
LANGUAGES = {"de": "DEU", "en": "ENG", "ar": "ARA", "fa": "FAS", "uk": "UKR", "tr": "TUR", "ru": "RUS"}
"""Language codes → the EU's language vocabulary (codes not listed are left out of dct:language)."""
GEOCODING_LEVELS = "http://dcat-ap.de/def/politicalGeocoding/Level/"
LEVELS = {"stateKey": "state", "districtKey": "administrativeDistrict"}
DESCRIBED = (GERMAN, "en")
"""The languages titles and descriptions are given in: German, the binding text, and English."""


def dcat_graph(context: Context, files: Sequence[Download]) -> Graph:
    """The dataset and its distributions as an RDF graph."""
    # SimpleMemory keeps triples in dicts (insertion order); Memory iterates a set, whose order changes per run
    graph = Graph(store="SimpleMemory", bind_namespaces="core")  # core: rdf, rdfs, xsd, owl, xml (xml:lang)
    for prefix, namespace in (
        ("rdf", RDF),
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("dcatde", DCATDE),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("owl", OWL),
        ("adms", ADMS),
    ):
        graph.bind(prefix, namespace)
    site, release, labels = context.site, context.release, context.labels
    day = Literal(context.date.isoformat(), datatype=XSD.date)
    dataset = URIRef(context.landing_page + "#dataset")
    add = graph.add
    add((dataset, RDF.type, DCAT.Dataset))
    for key in ("opendata.title", "opendata.description"):
        predicate = DCTERMS.title if key == "opendata.title" else DCTERMS.description
        for lang in DESCRIBED:
            if lang in labels[key]:
                add((dataset, predicate, Literal(labels[key][lang], lang=lang)))
    add((dataset, DCTERMS.identifier, Literal(context.landing_page)))
    add((dataset, DCAT.landingPage, URIRef(context.landing_page)))
    publisher = BNode("publisher")  # named, so the bytes never depend on a random id
    add((dataset, DCTERMS.publisher, publisher))
    add((publisher, RDF.type, FOAF.Organization))
    add((publisher, FOAF.name, Literal(context.publisher())))
    contact = BNode("contact")
    add((dataset, DCAT.contactPoint, contact))
    add((contact, RDF.type, VCARD.Organization))
    add((contact, VCARD.fn, Literal(context.publisher())))
    if site.operator.email:
        add((contact, VCARD.hasEmail, URIRef(f"mailto:{site.operator.email}")))
    if site.operator.url:
        add((publisher, FOAF.homepage, URIRef(site.operator.url)))
        add((contact, VCARD.hasURL, URIRef(site.operator.url)))
    portal = site.open_data
    if portal is not None:
        add((dataset, DCATDE.contributorID, URIRef(portal.contributor_id)))
        if portal.political_geocoding:
            key_kind = portal.political_geocoding.rstrip("/").split("/")[-2]  # regionalKey, stateKey, …
            add((dataset, DCATDE.politicalGeocodingURI, URIRef(portal.political_geocoding)))
            level = GEOCODING_LEVELS + LEVELS.get(key_kind, "municipality")
            add((dataset, DCATDE.politicalGeocodingLevelURI, URIRef(level)))
    for lang in DESCRIBED:
        for word in labels["opendata.keywords"].get(lang, "").split(","):
            if word.strip():
                add((dataset, DCAT.keyword, Literal(word.strip(), lang=lang)))
    for theme in THEMES:
        add((dataset, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
    for lang in context.plan.languages:
        if lang in LANGUAGES:
            add((dataset, DCTERMS.language, URIRef(f"{EU}language/{LANGUAGES[lang]}")))
    add((dataset, DCTERMS.issued, day))
    add((dataset, DCTERMS.modified, day))
    if release is not None:
        add((dataset, OWL.versionInfo, Literal(release.version)))
        add((dataset, ADMS.versionNotes, Literal(release.summary[GERMAN], lang=GERMAN)))
    # the council's record of the resolutions behind the data (OParl 1.1 objects and their pages)
    records = [release.resolution.council if release and release.resolution else None]
    records.append(context.plan.declaration.council if context.plan.declaration else None)
    for record in records:
        for address in (record.paper, record.meeting, record.web) if record else ():
            if address:
                add((dataset, DCTERMS.relation, URIRef(address)))
    licence = URIRef(DCAT_LICENCES + context.licence.dcat)
    attribution = context.attribution() if context.licence.attribution else None
    schema = URIRef(context.url(f"{OPEN_DATA_DIR}/handlungskonzept.schema.json"))
    for file in files:
        distribution = URIRef(context.url(file.path))
        add((dataset, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCTERMS.title, Literal(file.name)))
        for lang in DESCRIBED:
            add((distribution, DCTERMS.description, Literal(file.description(labels, lang), lang=lang)))
        add((distribution, DCAT.accessURL, distribution))
        add((distribution, DCAT.downloadURL, distribution))
        add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{FILE_TYPES[file.format]}")))
        add((distribution, DCAT.mediaType, URIRef(IANA + file.mediatype)))
        if file.name == "handlungskonzept.json":
            add((distribution, DCTERMS.conformsTo, schema))
        add((distribution, DCTERMS.license, licence))
        if attribution:
            add((distribution, DCATDE.licenseAttributionByText, Literal(attribution)))
        add((distribution, DCAT.byteSize, Literal(file.size, datatype=XSD.nonNegativeInteger)))
        add((distribution, DCTERMS.issued, day))
        add((distribution, DCTERMS.modified, day))
    return graph


def dcat_bytes(context: Context, files: Sequence[Download]) -> bytes:
    """The DCAT-AP.de description as RDF/XML (rdflib's "pretty-xml": blank nodes nested in place)."""
    data: bytes = dcat_graph(context, files).serialize(format="pretty-xml", encoding="utf-8")
    return _sorted_namespaces(data)


def _sorted_namespaces(data: bytes) -> bytes:
    """rdflib declares the namespaces in the order of a set, which changes with the hash seed: sort them."""
    head, _, rest = data.partition(b"\n>\n")
    lines = head.split(b"\n")
    opening = next(index for index, line in enumerate(lines) if line.startswith(b"<rdf:RDF"))
    declarations = sorted(lines[opening + 1 :])
    return b"\n".join([*lines[: opening + 1], *declarations]) + b"\n>\n" + rest
