"""The map of the neighbourhoods: data/quarters.geojson drawn as inline SVG at build time.

No tile server and no script: pyproj projects the WGS 84 boundaries to ETRS89 / UTM zone 32N
(EPSG:25832, the official grid of German surveying, true to distances and angles at town
scale), shapely fits them into the picture with one affine transform and finds where each name
fits best (the pole of inaccessibility). The template (overrides/plan/map.html) makes each
neighbourhood a link with its name as text and lists the same links below the map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely import affinity, ops
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from ..plan.model import MeetingPlace, Quarter
from ..plan.plan import Plan

WIDTH = 360.0
"""Width of the picture in SVG units; labels of 16 units are 12.8 px where a 320 px screen shows 288 px of it."""
PADDING = 12.0
GRID = "EPSG:25832"  # ETRS89 / UTM zone 32N


@dataclass(frozen=True)
class MapPoint:
    place: MeetingPlace
    x: float
    y: float


@dataclass(frozen=True)
class MapArea:
    quarter: Quarter
    path: str  # the SVG path data of its boundary
    label: tuple[float, float]  # where its name stands: clear of its meeting places
    points: tuple[MapPoint, ...]  # its meeting places, drawn between the area and its name


@dataclass(frozen=True)
class QuarterMap:
    width: float
    height: float
    areas: tuple[MapArea, ...]

    @property
    def points(self) -> tuple[MapPoint, ...]:
        return tuple(point for area in self.areas for point in area.points)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


LABEL_SIZE = 16.0  # the names' font size in SVG units (streets.css)


def quarter_map(plan: Plan, names: Mapping[str, str]) -> QuarterMap | None:
    """The neighbourhoods and meeting places in SVG coordinates (None without boundaries).

    `names` are the neighbourhoods' names as shown: their length decides where each fits.
    """
    if plan.boundaries is None:
        return None
    by_id = plan.boundaries.by_id
    quarters = [q for q in plan.quarters if q.id in by_id]
    projected = {q.id: _project(by_id[q.id].shape) for q in quarters}
    minx, miny, maxx, maxy = ops.unary_union(list(projected.values())).bounds
    scale = (WIDTH - 2 * PADDING) / (maxx - minx)
    # grid metres -> SVG units: scaled, y turned downwards, the north-west corner at the padding
    fit = [scale, 0.0, 0.0, -scale, PADDING - scale * minx, PADDING + scale * maxy]
    areas = []
    for quarter in quarters:
        shape = affinity.affine_transform(projected[quarter.id], fit)
        points = []
        for place in plan.places_in(quarter.id):
            if place.location is not None:
                lonlat = Point(place.location.lon, place.location.lat)
                ((x, y),) = affinity.affine_transform(_project(lonlat), fit).coords
                points.append(MapPoint(place, round(x, 1), round(y, 1)))
        label = _label_point(shape, len(names.get(quarter.id, quarter.id)) * 0.6 * LABEL_SIZE, points)
        areas.append(MapArea(quarter, _path(shape), label, tuple(points)))
    height = round(scale * (maxy - miny) + 2 * PADDING, 1)
    return QuarterMap(WIDTH, height, tuple(areas))


@cache
def _to_grid() -> Transformer:
    """WGS 84 -> the grid; made once per process (PROJ's setup, not data: nothing of a build is kept)."""
    return Transformer.from_crs("EPSG:4326", GRID, always_xy=True)


def _project(shape: BaseGeometry) -> BaseGeometry:
    """A shape in longitude and latitude, in grid metres."""
    transformer = _to_grid()

    def to_grid(lonlat: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(shape, to_grid)


def _polygons(shape: BaseGeometry) -> list[Polygon]:
    return list(shape.geoms) if isinstance(shape, MultiPolygon) else [shape]  # type: ignore[list-item]


def _path(shape: BaseGeometry) -> str:
    """SVG path data: every ring of every polygon, closed (holes are cut by fill-rule evenodd)."""
    parts = []
    for polygon in _polygons(shape):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)[:-1]
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + " Z")
    return " ".join(parts)


def _label_point(shape: BaseGeometry, width: float, points: Sequence[MapPoint]) -> tuple[float, float]:
    """The point deepest inside the area where a name this wide does not cover a meeting place."""
    largest = max(_polygons(shape), key=lambda polygon: polygon.area)
    half_width, half_height = width / 2 + 4, LABEL_SIZE / 2 + 6
    # a name centred inside one of these boxes would cover the point in its middle
    keep_clear = [box(p.x - half_width, p.y - half_height, p.x + half_width, p.y + half_height) for p in points]
    target: Polygon = largest
    # deep enough inside for the name's height, and clear of the points where possible
    for inner in (largest.buffer(-half_height), largest):
        free = inner.difference(ops.unary_union(keep_clear)) if keep_clear else inner
        candidates = [polygon for polygon in _polygons(free) if not polygon.is_empty]
        if candidates:
            target = max(candidates, key=lambda polygon: polygon.area)
            break
    point = ops.polylabel(target, tolerance=0.5)
    return round(point.x, 1), round(point.y, 1)
