"""The neighbourhoods' boundaries (data/quarters.geojson): read, check, and where a point lies.

GeoJSON (RFC 7946) as QGIS, geojson.io or uMap write it: a FeatureCollection with one Polygon
or MultiPolygon feature per neighbourhood, `properties.id` its id from quarters.yml, coordinates
as longitude, latitude (WGS 84). shapely checks each area (a valid polygon, rings closed) and
tests whether a meeting place lies in its neighbourhood; the map is drawn in site/map.py.
Errors name the file and the line where the feature stands: the JSON is read a second time as
YAML (of which JSON is a part) only to know those lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from .errors import PlanError, display_path, quote
from .located import Located, Seen
from .yamlsource import Loc, Source, load_yaml

BOUNDARIES_FILE = "quarters.geojson"
_AREA_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Area:
    """One neighbourhood's boundary as drawn, in longitude and latitude."""

    id: str
    shape: BaseGeometry
    index: int  # its place in `features`, for messages


@dataclass(frozen=True)
class Boundaries:
    """The valid areas of data/quarters.geojson and where in the file each stands."""

    areas: tuple[Area, ...]
    source: Source

    @property
    def by_id(self) -> dict[str, Area]:
        return {area.id: area for area in self.areas}

    def error(self, loc: Loc, message: str, *, kind: Any) -> PlanError:
        return self.source.error(loc, message, kind=kind)


def read_boundaries(data_dir: Path, root: Path, errors: list[PlanError]) -> Boundaries | None:
    """The areas of data/quarters.geojson (None if there is no such file or it is no JSON)."""
    path = data_dir / BOUNDARIES_FILE
    if not path.is_file():
        return None
    display = display_path(path, root)
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        errors.append(
            PlanError(display, exc.lineno, "", f"JSON-Syntaxfehler: {_json_problem(exc.msg)}", exc.colno, kind="syntax")
        )
        return None
    source, _ = load_yaml(path, display)  # JSON is YAML: only for the line of each feature
    if source is None:
        source = Source(display, data)
    source.data = data
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        errors.append(
            source.error(
                (),
                'die Datei muss eine GeoJSON-FeatureCollection sein ({"type": "FeatureCollection", "features": [...]})',
                kind="file",
            )
        )
        return None
    areas = []
    for index, feature in enumerate(data["features"]):
        area = _read_area(feature, index, source, errors)
        if area is not None:
            areas.append(area)
    return Boundaries(tuple(areas), source)


def _read_area(feature: Any, index: int, source: Source, errors: list[PlanError]) -> Area | None:
    at: Loc = ("features", index)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        errors.append(source.error(at, 'erwartet ein GeoJSON-Feature ({"type": "Feature", …})', kind="wrong_type"))
        return None
    properties = feature.get("properties")
    quarter = properties.get("id") if isinstance(properties, dict) else None
    if not isinstance(quarter, str):
        errors.append(
            source.error(
                (*at, "properties"),
                "Pflichtfeld „id“ fehlt in „properties“ – die Kennung des Quartiers aus quarters.yml",
                kind="missing",
            )
        )
        return None
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in _AREA_TYPES:
        errors.append(
            source.error(
                (*at, "geometry"),
                f"die Grenze von {quote(quarter)} muss eine Fläche sein (erlaubt: Polygon, MultiPolygon),"
                f" gefunden {quote(kind) if isinstance(kind, str) else 'keine'}",
                kind="bad_value",
            )
        )
        return None
    assert isinstance(geometry, dict)
    problem = _ring_problem(geometry)
    if problem is None:
        try:
            area = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException):
            problem = "die Koordinaten ergeben keine Fläche (erwartet: Ringe aus Punkten [Länge, Breite])"
        else:
            if not area.is_valid:
                problem = _validity_problem(shapely.is_valid_reason(area))
            elif area.is_empty:
                problem = "die Fläche ist leer"
    if problem is not None:
        errors.append(source.error((*at, "geometry"), f"die Grenze von {quote(quarter)}: {problem}", kind="bad_value"))
        return None
    return Area(quarter, area, index)


def _ring_problem(geometry: dict[str, Any]) -> str | None:
    """What is wrong with the rings before shapely sees them (it would close open rings silently)."""
    polygons = geometry.get("coordinates")
    if not isinstance(polygons, list) or not polygons:
        return "„coordinates“ fehlt oder ist leer"
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        for ring in polygon if isinstance(polygon, list) else [None]:
            if not isinstance(ring, list) or not all(_is_position(p) for p in ring):
                return "die Koordinaten ergeben keine Fläche (erwartet: Ringe aus Punkten [Länge, Breite])"
            if len(ring) < 4:
                return (
                    f"ein Ring hat {len(ring)} Punkte – eine Fläche braucht mindestens 4 (der letzte gleich dem ersten)"
                )
            if ring[0] != ring[-1]:
                return (
                    f"ein Ring ist nicht geschlossen – der letzte Punkt {ring[-1]} muss dem ersten {ring[0]} gleichen"
                )
            for lon, lat, *_ in ring:
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    return f"der Punkt [{lon}, {lat}] liegt nicht auf der Erde – die Reihenfolge ist [Länge, Breite] in Grad (WGS 84)"
    return None


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


_VALIDITY = {
    "Self-intersection": "die Grenze schneidet sich selbst",
    "Ring Self-intersection": "ein Ring berührt sich selbst",
    "Too few points": "zu wenige Punkte",
    "Hole lies outside shell": "ein Loch liegt außerhalb der Fläche",
    "Nested holes": "Löcher liegen ineinander",
    "Nested shells": "Teilflächen liegen ineinander",
    "Interior is disconnected": "ein Loch teilt die Fläche",
    "Duplicate Rings": "ein Ring steht doppelt",
}
_REASON = re.compile(r"(?P<what>[^\[]+)\[(?P<x>\S+) (?P<y>\S+)\]")


def _validity_problem(reason: str) -> str:
    match = _REASON.fullmatch(reason.strip())
    what = match["what"].strip() if match else reason
    german = _VALIDITY.get(what, f"keine gültige Fläche ({what})")
    return f"{german} bei [{match['x']}, {match['y']}]" if match else german


_JSON_PROBLEMS = {
    "Expecting ',' delimiter": "hier fehlt ein Komma",
    "Expecting ':' delimiter": "hier fehlt ein Doppelpunkt",
    "Expecting value": "hier fehlt ein Wert (oder ein Komma steht zu viel)",
    "Expecting property name enclosed in double quotes": "erwartet einen Schlüssel in doppelten Anführungszeichen",
    "Extra data": "nach dem Ende der Daten steht noch etwas",
    "Unterminated string starting at": "ein Text endet nicht – es fehlt ein Anführungszeichen",
}


def _json_problem(message: str) -> str:
    return _JSON_PROBLEMS.get(message, f"ungültiges JSON ({message})")


def check_boundaries(
    boundaries: Boundaries | None, quarters: Mapping[str, object], places: Sequence[Located], seen: Seen
) -> Iterator[PlanError]:
    """Every neighbourhood has exactly one area, none is unknown, and places lie in their own."""
    if boundaries is None:
        return
    first: dict[str, Area] = {}
    for area in boundaries.areas:
        at: Loc = ("features", area.index, "properties", "id")
        if area.id in first:
            where = boundaries.source.line(("features", first[area.id].index))
            yield boundaries.error(
                at, f"für das Quartier {quote(area.id)} gibt es schon eine Fläche (Zeile {where})", kind="duplicate"
            )
            continue
        first[area.id] = area
        if area.id not in quarters and not seen.skips("quarters.yml", area.id):
            allowed = ", ".join(quarters)
            yield boundaries.error(
                at, f"Quartier {quote(area.id)} gibt es nicht (erlaubt: {allowed})", kind="unknown_reference"
            )
    if "quarters.yml" not in seen.unavailable:
        invalid = _raw_ids(boundaries) - set(first)  # areas with their own error
        missing = [q for q in quarters if q not in first and q not in invalid]
        if missing:
            yield boundaries.error(
                (),
                f"es fehlt die Fläche für {', '.join(quote(q) for q in missing)} – jedes Quartier aus quarters.yml braucht seine Grenze",
                kind="missing",
            )
    areas = list(first.values())
    for i, area in enumerate(areas):
        for other in areas[:i]:
            common = area.shape.intersection(other.shape).area
            if common > 0.001 * min(area.shape.area, other.shape.area):
                where = boundaries.source.line(("features", other.index))
                yield boundaries.error(
                    ("features", area.index, "geometry"),
                    f"die Fläche von {quote(area.id)} überschneidet sich mit der von {quote(other.id)} (Zeile {where})"
                    " – Quartiere grenzen aneinander, sie überlappen nicht",
                    kind="inconsistent",
                )
    for place in places:
        location = place.item.location
        own = first.get(place.item.quarter)
        if location is None or own is None:
            continue
        point = Point(location.lon, location.lat)
        if not own.shape.covers(point):
            inside = [a.id for a in areas if a.shape.covers(point)]
            instead = f"sondern in {quote(inside[0])}" if inside else "sondern außerhalb aller Quartiere"
            yield place.error(
                ("location",),
                f"der Ort liegt laut {BOUNDARIES_FILE} nicht im Quartier {quote(place.item.quarter)}, {instead}"
                " – stimmen Breite (lat) und Länge (lon)?",
                kind="inconsistent",
            )


def _raw_ids(boundaries: Boundaries) -> set[str]:
    features = boundaries.source.data.get("features", []) if isinstance(boundaries.source.data, dict) else []
    return {
        f["properties"]["id"]
        for f in features
        if isinstance(f, dict) and isinstance(f.get("properties"), dict) and isinstance(f["properties"].get("id"), str)
    }
