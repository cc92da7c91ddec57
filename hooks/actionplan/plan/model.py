"""The schema of the plan: one pydantic model per data file – the single source of truth.

Why pydantic: the models are the typed objects the renderer works with (mypy checks every
template context), they validate strictly, and they generate the JSON Schema that editors'
tools read, with the German `description`s written here. Custom types raise German messages.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .errors import quote

STATUSES: tuple[str, ...] = (
    "geplant",
    "laufend",
    "abgeschlossen",
    "verzoegert",
    "pausiert",
    "eingestellt",
    "zusammengefuehrt",
)
ACTOR_KINDS: tuple[str, ...] = (
    "verwaltung",
    "politik",
    "oeffentlich",
    "bildung",
    "wirtschaft",
    "freier-traeger",
    "verein",
)
ALL_QUARTERS = "alle"
GERMAN = "de"


def plan_error(message: str, **ctx: Any) -> PydanticCustomError:
    """A validation error whose message is already the German text for editors."""
    return PydanticCustomError("plan", message, ctx or None)


# ---- Value types


@dataclass(frozen=True, order=True)
class When:
    """A point in time of month precision (2026-09) or day precision (2026-09-01)."""

    year: int
    month: int
    day: int = 0  # 0: the month as a whole

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _as_day(value: Any) -> dt.date | None:
    """A date from a YAML date or a quoted "2026-09-01"; None if it is neither."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _DAY.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise plan_error(f"{quote(value)} ist kein gültiges Datum – diesen Tag gibt es im Kalender nicht") from None


def _parse_when(value: Any) -> When:
    day = _as_day(value)
    if day is not None:
        return When(day.year, day.month, day.day)
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match and 1 <= int(match[2]) <= 12:
        return When(int(match[1]), int(match[2]))
    raise plan_error(f"{quote(value)} ist kein gültiges Datum (erlaubt: JJJJ-MM oder JJJJ-MM-TT, z. B. 2026-09)")


def _parse_day(value: Any) -> dt.date:
    day = _as_day(value)
    if day is not None:
        return day
    raise plan_error(f"{quote(value)} ist kein gültiges Datum (erlaubt: JJJJ-MM-TT, z. B. 2026-09-01)")


WhenField = Annotated[
    When,
    PlainValidator(_parse_when),
    PlainSerializer(str, return_type=str),  # "2026-09" in snapshots and open data, as written
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}),
]
Day = Annotated[
    dt.date,
    PlainValidator(_parse_day),
    PlainSerializer(dt.date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _check_text(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    languages: list[str] = (info.context or {}).get("languages", [GERMAN])
    for code, text in value.items():
        if code not in languages:
            raise plan_error(
                f"{quote(code)} ist keine Sprache dieser Website (erlaubt: {', '.join(languages)})",
                key=code,
                at_key=True,  # the error points at the language code, not at the text
            )
        if not text.strip():
            raise plan_error("der Text ist leer", key=code)
    if GERMAN not in value:
        raise plan_error("der deutsche Text („de“) fehlt – er ist Pflicht und die verbindliche Fassung")
    return value


Text = Annotated[dict[str, str], AfterValidator(_check_text)]
"""A translatable text: language code → text; German is required."""


def did_you_mean(value: object, allowed: Sequence[object]) -> str:
    """ " – meinten Sie „…“?" with the closest allowed value, or nothing if none is close."""
    text, options = str(value), [str(a) for a in allowed]
    if text.isdigit():
        return ""  # numbers are not misspelled words: "10" is not "1"
    started = [o for o in options if len(text) >= 4 and o.startswith(text)]  # "sprache" → "sprache-bildung"
    guess = started or difflib.get_close_matches(text, options, n=1, cutoff=0.7)
    return f" – meinten Sie {quote(guess[0])}?" if guess else ""


def one_of(noun: str, allowed: tuple[str, ...]) -> AfterValidator:
    """Restrict a text value to a fixed list, with a German message naming the noun."""

    def check(value: str) -> str:
        if value not in allowed:
            raise plan_error(
                f"{quote(value)} ist kein gültiger {noun} (erlaubt: {', '.join(allowed)}){did_you_mean(value, allowed)}"
            )
        return value

    return AfterValidator(check)


def matches(pattern: str, what: str, example: str) -> AfterValidator:
    """Require a regular expression, explained in German with an example.

    `what` is the whole noun phrase, article included: "keine gültige Kennung".
    """
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise plan_error(f"{quote(value)} ist {what} (Beispiel: {example})")
        return value

    return AfterValidator(check)


Status = Annotated[str, one_of("Status", STATUSES), WithJsonSchema({"enum": list(STATUSES)})]
Slug = Annotated[str, matches(r"[a-z0-9]+(-[a-z0-9]+)*", "keine gültige Kennung", "wohnen-quartier")]
Progress = Annotated[int, Field(ge=0, le=100, description="Fortschritt in Prozent (0–100)")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---- Reference data


class Goal(_Model):
    """A goal of a field of action."""

    id: Annotated[str, matches(r"[A-Z]{2,4}-Z\d{1,2}", "keine gültige Ziel-Kennung", "WQ-Z1")]
    title: Text
    description: Text | None = None


class ActionField(_Model):
    """A field of action (Handlungsfeld) with its goals."""

    id: Slug
    prefix: Annotated[str, matches(r"[A-Z]{2,4}", "kein gültiges Kürzel", "WQ")] = Field(
        description="Kürzel, mit dem die Kennungen der Maßnahmen dieses Handlungsfelds beginnen"
    )
    title: Text
    summary: Text
    goals: list[Goal] = Field(min_length=1)


class Principle(_Model):
    """A numbered principle of the mission statement (Leitbild)."""

    id: Annotated[str, matches(r"L\d{1,2}", "keine gültige Leitsatz-Kennung", "L3")]
    title: Text
    text: Text


class QualityCriterion(_Model):
    """One of the nine quality criteria of community work (GWA)."""

    id: Annotated[int, Field(ge=1, le=99)]
    title: Text
    text: Text


Phone = Annotated[
    str,
    matches(
        r"\+[1-9][0-9]*(?:[ /-][0-9]+)+|\+[1-9][0-9]{5,}",
        "keine gültige Telefonnummer – bitte mit Ländervorwahl schreiben, sonst nur Ziffern, Leerzeichen, „-“ oder „/“",
        "+49 1234 567-301",
    ),
]
"""A phone number in international form, so pages can offer it as a `tel:` link."""


class Actor(_Model):
    """A department, body or organisation that leads or supports measures."""

    id: Slug
    name: Text
    kind: Annotated[str, one_of("Akteurstyp", ACTOR_KINDS), WithJsonSchema({"enum": list(ACTOR_KINDS)})]
    url: (
        Annotated[str, matches(r"https://[^\s]+", "keine gültige Internetadresse", "https://www.musterstadt.de/")]
        | None
    ) = None
    email: (
        Annotated[
            str, matches(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "keine gültige E-Mail-Adresse", "integration@musterstadt.de")
        ]
        | None
    ) = Field(None, description="wie Bürgerinnen und Bürger die Stelle erreichen; Maßnahmenseiten verlinken sie")
    phone: Phone | None = None


LanguageCode = Annotated[str, matches(r"[a-z]{2,3}", "kein gültiger Sprachcode", "tr")]


class QuarterContact(_Model):
    """The neighbourhood's community worker (Kümmerin, Kümmerer): whom residents ask."""

    name: str
    role: Text
    office: str
    hours: Text
    languages: list[LanguageCode] = Field(min_length=1)
    email: (
        Annotated[str, matches(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "keine gültige E-Mail-Adresse", "name@musterstadt.de")]
        | None
    ) = None
    phone: Phone | None = None


class Quarter(_Model):
    """A neighbourhood (Quartier) or district."""

    id: Slug
    name: Text
    summary: Text
    contact: QuarterContact | None = None


class GeoPoint(_Model):
    """Where something lies, in decimal degrees (WGS 84, as a phone or OpenStreetMap shows it)."""

    lat: Annotated[float, Field(ge=-90, le=90, description="geografische Breite, z. B. 51.5128")]
    lon: Annotated[float, Field(ge=-180, le=180, description="geografische Länge, z. B. 9.9213")]


class MeetingPlace(_Model):
    """A meeting space in a neighbourhood (data/places.yml)."""

    id: Slug
    name: str
    quarter: str
    address: str
    opening_hours: Text
    step_free: bool = Field(description="stufenlos zugänglich")
    accessibility: Text
    languages: list[LanguageCode] = []
    offers: Text
    location: GeoPoint | None = Field(default=None, description="Lage als Punkt auf der Karte der Quartiere")


# ---- The street directory (data/streets.yml)


@dataclass(frozen=True)
class HouseNumbers:
    """A range of house numbers: "1-39", "40-" (40 and above) or "7"."""

    first: int
    last: int | None  # None: no upper end

    def __str__(self) -> str:
        if self.last == self.first:
            return str(self.first)
        return f"{self.first}-" + ("" if self.last is None else str(self.last))


_HOUSE_NUMBERS = re.compile(r"\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*")
HOUSE_NUMBERS_HINT = "erlaubt: „1-39“, „40-“ für 40 und höher oder eine einzelne Nummer, z. B. „7“"


def _parse_house_numbers(value: Any) -> HouseNumbers:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    match = _HOUSE_NUMBERS.fullmatch(text.replace("–", "-")) if isinstance(text, str) else None
    if match is None:
        raise plan_error(f"{quote(value)} ist kein Bereich von Hausnummern ({HOUSE_NUMBERS_HINT})")
    first = int(match[1])
    last = first if match[2] is None else (int(match[3]) if match[3] else None)
    if first < 1:
        raise plan_error(f"{quote(value)}: Hausnummern beginnen bei 1")
    if last is not None and last < first:
        raise plan_error(f"{quote(value)}: die erste Hausnummer ist größer als die letzte ({HOUSE_NUMBERS_HINT})")
    return HouseNumbers(first, last)


HouseNumberRange = Annotated[
    HouseNumbers,
    PlainValidator(_parse_house_numbers),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d+(-\d*)?$"}),
]
HOUSE_SIDES: tuple[str, ...] = ("gerade", "ungerade")


class StreetSection(_Model):
    """The house numbers of a street that belong to one neighbourhood."""

    numbers: HouseNumberRange = Field(description="Hausnummern, z. B. 1-39, 40- (ab 40) oder 7")
    side: (
        Annotated[str, one_of("Wert für die Straßenseite", HOUSE_SIDES), WithJsonSchema({"enum": list(HOUSE_SIDES)})]
        | None
    ) = Field(default=None, description="nur die geraden oder ungeraden Nummern (eine Seite der Straße)")
    quarter: str = Field(description="Quartier (Kennung aus quarters.yml)")

    def holds(self, number: int) -> bool:
        """Whether a house number lies in this section."""
        in_range = self.numbers.first <= number and (self.numbers.last is None or number <= self.numbers.last)
        return in_range and (self.side is None or (number % 2 == 0) == (self.side == "gerade"))


class Street(_Model):
    """A street of the town and the neighbourhood it lies in (data/streets.yml)."""

    name: str = Field(min_length=2, description="amtlicher Straßenname, z. B. Lindenauer Straße")
    quarter: str | None = Field(default=None, description="Quartier der ganzen Straße (Kennung aus quarters.yml)")
    sections: list[StreetSection] = Field(
        default=[], description="wo die Straße eine Quartiersgrenze kreuzt: Hausnummern je Quartier"
    )

    def quarters(self) -> list[str]:
        """The neighbourhoods the street runs through, in the order of its sections."""
        if self.quarter is not None:
            return [self.quarter]
        return list(dict.fromkeys(section.quarter for section in self.sections))


# ---- The council's record (OParl 1.1)


def _oparl(kind: str) -> AfterValidator:
    """An OParl 1.1 object's address (its `id`): https, and the word of its kind and "oparl" in it.

    OParl fixes no path, but the systems in use put both words in it (…/oparl/v1/paper/…,
    …/oparl/papers?id=…); the page for people (a Vorlage or Sitzung page) has neither and belongs
    into `web`.
    """

    def check(value: str) -> str:
        example = f"https://ris.musterstadt.example/oparl/v1/{kind}/2026-014"
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in value):
            raise plan_error(f"{quote(value)} ist keine gültige https-Adresse (Beispiel: {example})")
        if parts.fragment:
            raise plan_error(
                f"{quote(value)} enthält einen Anker „#…“ – eine OParl-Adresse hat keinen (Beispiel: {example})"
            )
        lowered = value.lower()
        if "oparl" not in lowered or kind not in lowered:
            raise plan_error(
                f"{quote(value)} ist keine OParl-Adresse {_OPARL_NOUN[kind]} – sie enthält „oparl“ und „{kind}“ "
                f"(Beispiel: {example}); die Seite für Menschen im Ratsinformationssystem gehört in „web“"
            )
        return value

    return AfterValidator(check)


_OPARL_NOUN = {"paper": "einer Drucksache (OParl-Paper)", "meeting": "einer Sitzung (OParl-Meeting)"}
_DRUCKSACHE = re.compile(r"[A-Za-zÄÖÜäöü0-9][A-Za-zÄÖÜäöü0-9./ -]{0,39}")


def _drucksache(value: str) -> str:
    if re.match(r"(?i)\s*(drucksache|ds\b|vorlage)", value):
        raise plan_error(f"{quote(value)}: bitte nur die Nummer angeben, ohne „Drucksache“ davor (Beispiel: 2026/014)")
    if not _DRUCKSACHE.fullmatch(value) or not any(c.isdigit() for c in value):
        raise plan_error(
            f"{quote(value)} ist keine gültige Drucksachennummer (erlaubt: Ziffern, Buchstaben, / . - und Leerzeichen, "
            "höchstens 40 Zeichen; Beispiel: 2026/014)"
        )
    return value


class CouncilRecord(_Model):
    """Where a council decision stands in the council information system (Ratsinformationssystem, OParl 1.1)."""

    drucksache: Annotated[str, AfterValidator(_drucksache)] = Field(description="Nummer der Drucksache, z. B. 2026/014")
    paper: Annotated[str, _oparl("paper")] | None = Field(
        default=None,
        description="OParl-Adresse der Drucksache (Paper), z. B. https://ris.musterstadt.example/oparl/v1/paper/2026-014",
    )
    meeting: Annotated[str, _oparl("meeting")] | None = Field(
        default=None, description="OParl-Adresse der Sitzung (Meeting), in der beschlossen wurde"
    )
    web: (
        Annotated[
            str,
            matches(
                r"https://[^\s]+", "keine gültige Internetadresse", "https://ris.musterstadt.example/vorgang/2026-014"
            ),
        ]
        | None
    ) = Field(
        default=None,
        description="Seite der Drucksache im Ratsinformationssystem für Menschen (HTML); ohne sie verlinkt die Website die OParl-Adresse",
    )

    @property
    def link(self) -> str | None:
        """Where "Im Ratsinformationssystem öffnen" leads: the page for people, else the OParl object."""
        return self.web or self.paper or self.meeting


# ---- Measures


class Milestone(_Model):
    title: Text
    due: WhenField
    done: Day | None = None


class Reading(_Model):
    """A dated value of an indicator."""

    date: WhenField
    value: float
    source: str | None = None


class Target(_Model):
    date: WhenField
    value: float


class Indicator(_Model):
    title: Text
    unit: Text
    baseline: Reading
    target: Target
    values: list[Reading] = []


class Budget(_Model):
    amount: Annotated[float, Field(ge=0)]
    currency: Annotated[str, one_of("Währungscode", ("EUR",))] = "EUR"
    source: Text | None = None
    secured: bool


class Update(_Model):
    """A dated status report; the newest update sets what readers see."""

    date: Day
    status: Status
    progress: Progress | None = None
    note: Text
    source: str | None = None
    council: CouncilRecord | None = Field(
        default=None, description="der Ratsbeschluss, auf dem diese Aktualisierung beruht, im Ratsinformationssystem"
    )


MeasureId = Annotated[str, matches(r"[A-Z]{2,4}-\d{2,3}", "keine gültige Maßnahmen-Kennung", "WQ-03")]


class Measure(_Model):
    """One measure of the action plan, stored in data/measures/<id>.yml."""

    id: MeasureId
    title: Text
    summary: Text
    description: Text | None = None
    field: Slug
    goals: list[str] = []
    principles: list[str] = []
    quality_criteria: list[int] = []
    quarters: list[str] = Field(min_length=1, description="Quartiere (Kennungen) oder [alle] für die ganze Stadt")
    lead: str
    partners: list[str] = []
    start: WhenField
    due: WhenField | None = None
    merged_into: MeasureId | None = None
    milestones: list[Milestone] = []
    indicators: list[Indicator] = []
    budget: Budget | None = None
    updates: list[Update] = Field(min_length=1)

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    @property
    def status(self) -> str:
        return self.latest.status

    @property
    def progress(self) -> int:
        """The newest progress reported; an update without one keeps the previous value."""
        for update in reversed(self.updates):
            if update.progress is not None:
                return update.progress
        return 0


class LanguageVersion(_Model):
    """The state of one language version of the site (German, the binding text, has none)."""

    lang: str = Field(description="Sprachcode, z. B. fa")
    reviewed: bool = Field(description="fachlich geprüft; sonst sehen Lesende einen Hinweis")
    reviewed_on: Day | None = None

    @property
    def id(self) -> str:
        return self.lang


class Vote(_Model):
    in_favour: Annotated[int, Field(ge=0)]
    against: Annotated[int, Field(ge=0)]
    abstentions: Annotated[int, Field(ge=0)] = 0


class Signatory(_Model):
    name: str
    role: Text


DECLARATION_STATES: tuple[str, ...] = ("beschlossen", "entwurf")


class Declaration(_Model):
    """The council's political declaration: the resolution record (data/declaration.yml)."""

    state: Annotated[str, one_of("Stand", DECLARATION_STATES), WithJsonSchema({"enum": list(DECLARATION_STATES)})]
    body: Text
    date: Day
    reference: str = Field(description="Drucksache oder Beschlussnummer, z. B. Drucksache 2026/014")
    subject: Text
    vote: Vote | None = None
    signatory: Signatory | None = None
    source: str | None = None
    council: CouncilRecord | None = Field(default=None, description="der Beschluss im Ratsinformationssystem (OParl)")


_LOCAL_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$")


def _parse_local_time(value: Any) -> dt.datetime:
    match = _LOCAL_TIME.match(value) if isinstance(value, str) else None
    if match:
        try:
            year, month, day, hour, minute = (int(part) for part in match.groups())
            return dt.datetime(year, month, day, hour, minute)  # local time, Europe/Berlin
        except ValueError:
            raise plan_error(
                f"{quote(value)} ist kein gültiger Zeitpunkt – diesen Tag oder diese Uhrzeit gibt es nicht"
            ) from None
    raise plan_error(
        f"{quote(value)} ist kein gültiger Zeitpunkt (erlaubt: JJJJ-MM-TT HH:MM in Ortszeit, z. B. 2026-03-21 14:00)"
    )


LocalTime = Annotated[
    dt.datetime,
    PlainValidator(_parse_local_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}$"}),
]
EVENT_KINDS: tuple[str, ...] = ("auftakt", "forum", "workshop", "bilanz", "fest")
SIGN_LANGUAGE = "dgs"
"""Deutsche Gebärdensprache, named in `interpretation` beside language codes."""


class Venue(_Model):
    name: str
    address: str
    quarter: str | None = None


class Event(_Model):
    """A public event such as the kickoff (data/events.yml); local times, Europe/Berlin."""

    id: Slug
    kind: Annotated[str, one_of("Veranstaltungstyp", EVENT_KINDS), WithJsonSchema({"enum": list(EVENT_KINDS)})]
    title: Text
    description: Text | None = None
    start: LocalTime
    end: LocalTime
    place: Venue
    interpretation: list[Annotated[str, matches(r"[a-z]{2,3}", "kein gültiger Sprachcode", "ar oder dgs")]] = []
    accessibility: Text
    measures: list[MeasureId] = []


Url = Annotated[str, matches(r"https://[^\s]+", "keine gültige Internetadresse", "https://www.musterstadt.de/")]
Email = Annotated[
    str, matches(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "keine gültige E-Mail-Adresse", "integration@musterstadt.de")
]


class Contact(_Model):
    name: Text
    address: str
    email: Email | None = None
    phone: Phone | None = None
    url: Url | None = None


class Person(_Model):
    name: str
    role: Text
    address: str | None = None


class Host(_Model):
    name: str
    address: str
    privacy: Url


class Licence(_Model):
    name: Text
    url: Url


class Repository(_Model):
    """Where the sources lie on GitHub: every page links to the file that holds its content."""

    url: Annotated[
        str,
        matches(
            r"https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+(?<!\.git)/?",
            "keine Adresse eines GitHub-Repositorys",
            "https://github.com/musterstadt/integration",
        ),
    ]
    branch: Annotated[str, matches(r"[A-Za-z0-9._/-]+", "kein gültiger Name eines Zweigs", "main")] = Field(
        default="main", description="Zweig, in dem die Redaktion arbeitet und aus dem die Website gebaut wird"
    )


class DataPortal(_Model):
    """How data portals such as GovData name the publisher of the open data (DCAT-AP.de)."""

    contributor_id: Annotated[
        str,
        matches(
            r"http://dcat-ap\.de/def/contributors/[A-Za-z0-9._-]+",
            "keine Datenbereitsteller-ID nach DCAT-AP.de",
            "http://dcat-ap.de/def/contributors/musterstadt",
        ),
    ] = Field(description="Datenbereitsteller-ID (dcatde:contributorID); vergibt die Geschäftsstelle GovData")
    political_geocoding: (
        Annotated[
            str,
            matches(
                r"http://dcat-ap\.de/def/politicalGeocoding/(regionalKey|municipalityKey|districtKey|stateKey)/\d+",
                "kein verwaltungspolitischer Geobezug nach DCAT-AP.de",
                "http://dcat-ap.de/def/politicalGeocoding/regionalKey/150020000000",
            ),
        ]
        | None
    ) = Field(default=None, description="Amtlicher Schlüssel der Kommune als URI (dcatde:politicalGeocodingURI)")


class SiteInfo(_Model):
    """Who runs the site: the imprint and the privacy page (data/site.yml)."""

    operator: Contact
    represented_by: Person
    responsible_for_content: Person
    data_protection_officer: Contact
    supervisory_authority: Contact
    host: Host
    licence: Licence
    repository: Repository | None = Field(
        default=None,
        description="GitHub-Repository der Website; ohne Angabe gibt es keinen Link „Diese Seite bearbeiten“",
    )
    open_data: DataPortal | None = Field(
        default=None, description="Angaben für Datenportale (DCAT-AP.de) zu den offenen Daten unter /daten/"
    )


CONFORMANCE: tuple[str, ...] = ("vollständig", "teilweise", "nicht")


class KnownIssue(_Model):
    title: Text
    description: Text
    alternative: Text | None = None


class Feedback(_Model):
    email: Email
    phone: Phone | None = None
    address: str


class AccessibilityStatement(_Model):
    """The accessibility statement after the EU model (data/accessibility.yml)."""

    status: Annotated[str, one_of("Stand der Vereinbarkeit", CONFORMANCE), WithJsonSchema({"enum": list(CONFORMANCE)})]
    standard: str
    prepared_on: Day
    method: Text
    known_issues: list[KnownIssue] = []
    feedback: Feedback
    enforcement: Contact


class InventoryFigure(_Model):
    """A key figure of the inventory: one value per neighbourhood and one for the town."""

    id: Slug
    title: Text
    unit: Text
    date: WhenField
    source: Text
    total: float = Field(description="Wert für die ganze Stadt")
    values: dict[str, float] = Field(description="Wert je Quartier (Kennung: Zahl)")


class Offer(_Model):
    """An existing service found by the inventory (data/offers.yml)."""

    id: Slug
    title: Text
    provider: str = Field(description="Akteur (Kennung aus actors.yml)")
    quarters: list[str] = Field(min_length=1)
    languages: list[LanguageCode] = []
    contact: str | None = None


class Workshop(_Model):
    title: Text
    date: Day
    question: Text


class WorkshopTheme(_Model):
    """Cards of the workshop on one theme, and the measures that answer them."""

    id: Slug
    title: Text
    cards: list[Text] = Field(min_length=1)
    measures: list[MeasureId] = []


class Proposals(_Model):
    """How residents propose a change: a prefilled issue form and e-mail."""

    issue_form: Url | None = None
    email: Email | None = None


class Participation(_Model):
    """Participation (data/participation.yml): workshop results by theme, ways to propose a change."""

    workshop: Workshop
    themes: list[WorkshopTheme] = Field(min_length=1)
    proposals: Proposals


DocsPath = Annotated[
    str, matches(r"[A-Za-z0-9_./-]+\.[a-z0-9]+", "kein gültiger Dateipfad unter docs/", "videos/dgs-startseite.mp4")
]


class SignLanguageVideo(_Model):
    """A self-hosted video in German Sign Language with captions (data/sign_language.yml)."""

    id: Slug
    title: Text
    video: DocsPath = Field(description="Videodatei unter docs/ (.mp4 oder .webm)")
    captions: DocsPath = Field(description="Untertitel (WebVTT) unter docs/")
    poster: DocsPath | None = None


class GlossaryTerm(_Model):
    """A word of the plan explained in plain words (data/glossary.yml); pages link where it first appears."""

    id: Slug
    term: Text = Field(description="der Begriff, wie er auf den Seiten steht")
    forms: dict[LanguageCode, list[str]] = Field(
        default_factory=dict,
        description="weitere Formen je Sprache, die ebenfalls verlinkt werden (z. B. de: [Handlungsfelder])",
    )
    definition: Text

    def forms_in(self, lang: str) -> list[str]:
        """What a page in `lang` may say for this term (the term first, if it is written in that language)."""
        own = [self.term[lang]] if lang in self.term else []
        return own + [f for f in self.forms.get(lang, []) if f not in own]


# ---- Releases


RELEASE_STATES: tuple[str, ...] = ("entwurf", "beschlossen")


class Resolution(_Model):
    """The council resolution that adopted a version."""

    body: str = Field(description="beschließendes Gremium, z. B. Rat der Stadt Musterstadt")
    date: Day = Field(description="Tag der Sitzung")
    reference: str = Field(description="Drucksache oder Beschlussnummer, z. B. 2026/014")
    council: CouncilRecord | None = Field(default=None, description="der Beschluss im Ratsinformationssystem (OParl)")


class Release(_Model):
    """One citable version of the plan (data/releases.yml); published from the tag v<version>."""

    version: Annotated[str, matches(r"\d{4}\.\d{1,2}", "keine gültige Versionsnummer", "2026.1")] = Field(
        description="Jahr und laufende Nummer, z. B. 2026.1; der Git-Tag heißt v2026.1"
    )
    date: Day = Field(description="Stand der Fassung")
    state: Annotated[str, one_of("Stand", RELEASE_STATES), WithJsonSchema({"enum": list(RELEASE_STATES)})] = Field(
        description="entwurf oder beschlossen; beschlossen braucht den Beschluss (resolution)"
    )
    resolution: Resolution | None = None
    summary: Text = Field(description="was diese Fassung ausmacht, in wenigen Sätzen")

    @property
    def id(self) -> str:
        return self.version

    @property
    def tag(self) -> str:
        return "v" + self.version


class RemovedMeasure(_Model):
    """A released measure that is no longer part of the plan (data/removed.yml). Its page stays."""

    id: MeasureId
    date: Day = Field(description="seit wann die Maßnahme nicht mehr zum Plan gehört")
    reason: Text = Field(description="warum sie entfällt")
    replaced_by: list[MeasureId] = Field(default=[], description="Maßnahmen, die an ihre Stelle treten")


@dataclass(frozen=True)
class DataFile:
    """What one file in data/ holds; the measures, one file each, live in data/measures/."""

    model: type[BaseModel]
    many: bool  # a YAML list of entries; otherwise one record
    required: bool
    noun: str = ""  # German name of one entry, for messages about duplicate ids


DATA_FILES: dict[str, DataFile] = {
    "fields.yml": DataFile(ActionField, many=True, required=True, noun="Handlungsfeld"),
    "principles.yml": DataFile(Principle, many=True, required=True, noun="Leitsatz"),
    "quality_criteria.yml": DataFile(QualityCriterion, many=True, required=True, noun="Qualitätsmerkmal"),
    "actors.yml": DataFile(Actor, many=True, required=True, noun="Akteur"),
    "quarters.yml": DataFile(Quarter, many=True, required=True, noun="Quartier"),
    "languages.yml": DataFile(LanguageVersion, many=True, required=True, noun="Sprachfassung"),
    # optional: a plan may be published before its resolution, its events or its imprint
    "events.yml": DataFile(Event, many=True, required=False, noun="Veranstaltung"),
    "places.yml": DataFile(MeetingPlace, many=True, required=False, noun="Begegnungsort"),
    "inventory.yml": DataFile(InventoryFigure, many=True, required=False, noun="Kennzahl"),
    "offers.yml": DataFile(Offer, many=True, required=False, noun="Angebot"),
    "sign_language.yml": DataFile(SignLanguageVideo, many=True, required=False, noun="Video"),
    "glossary.yml": DataFile(GlossaryTerm, many=True, required=False, noun="Begriff"),
    "declaration.yml": DataFile(Declaration, many=False, required=False),
    "site.yml": DataFile(SiteInfo, many=False, required=False),
    "accessibility.yml": DataFile(AccessibilityStatement, many=False, required=False),
    "participation.yml": DataFile(Participation, many=False, required=False),
    "releases.yml": DataFile(Release, many=True, required=False, noun="Version"),
    "removed.yml": DataFile(RemovedMeasure, many=True, required=False, noun="entfernte Maßnahme"),
    # entries without an id (noun ""): the street directory checks its names itself (plan/streets.py)
    "streets.yml": DataFile(Street, many=True, required=False),
}
"""Every data file but the measures: the single place that says what each file holds."""
