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
    size: float  # its area in square SVG units


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
    height = round(scale * (maxy - miny) + 2 * PADDING, 1)
    shapes = {q.id: affinity.affine_transform(projected[q.id], fit) for q in quarters}
    points: dict[str, list[MapPoint]] = {q.id: [] for q in quarters}
    for place in plan.places:
        if place.location is not None and place.quarter in points:
            lonlat = Point(place.location.lon, place.location.lat)
            ((x, y),) = affinity.affine_transform(_project(lonlat), fit).coords
            points[place.quarter].append(MapPoint(place, round(x, 1), round(y, 1)))
    every_point = [point for found in points.values() for point in found]
    labels: dict[str, tuple[float, float]] = {}
    placed: list[tuple[float, float, float]] = []  # (x, y, half width) of the names placed so far
    for quarter in sorted(quarters, key=lambda q: shapes[q.id].area):  # the smallest choose first
        half_width = len(names.get(quarter.id, quarter.id)) * 0.3 * LABEL_SIZE
        x, y = _label_point(shapes[quarter.id], half_width, every_point, placed, (WIDTH, height))
        labels[quarter.id] = (x, y)
        placed.append((x, y, half_width))
    areas = [
        MapArea(q, _path(shapes[q.id]), labels[q.id], tuple(points[q.id]), round(shapes[q.id].area, 1))
        for q in quarters
    ]
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


def _erode(shape: BaseGeometry, half_width: float, half_height: float) -> BaseGeometry:
    """Where a box of this size can be centred and lie wholly inside `shape` (erosion by the box):
    squeezed sideways the box is a square, which a mitred negative buffer takes off every edge."""
    squeeze = half_height / half_width
    eroded = affinity.scale(shape, xfact=squeeze, origin=(0, 0)).buffer(-half_height, join_style="mitre")
    return affinity.scale(eroded, xfact=1 / squeeze, origin=(0, 0))


def _label_point(
    shape: BaseGeometry,
    half_width: float,
    points: Sequence[MapPoint],
    placed: Sequence[tuple[float, float, float]],
    size: tuple[float, float],
) -> tuple[float, float]:
    """Where a name this wide stands best: inside its area and the picture, clear of the meeting
    places and of the names placed before it where that is possible, as deep inside as it can be."""
    largest = max(_polygons(shape), key=lambda polygon: polygon.area)
    half_height = LABEL_SIZE / 2 + 2
    # a name whose centre lies in one of these boxes would cover that point or that name
    around_points = [
        box(p.x - half_width - 5, p.y - half_height - 4, p.x + half_width + 5, p.y + half_height + 4) for p in points
    ]
    around_names = [
        box(x - half_width - other - 4, y - 2 * half_height, x + half_width + other + 4, y + 2 * half_height)
        for x, y, other in placed
    ]
    picture = box(half_width + 2, half_height, size[0] - half_width - 2, size[1] - half_height)
    inside = largest.intersection(picture)
    tries = [
        (_erode(inside, half_width + 2, half_height), [*around_points, *around_names]),  # the whole name inside
        (inside.buffer(-half_height), [*around_points, *around_names]),
        (inside, [*around_points, *around_names]),
        (inside, around_names),
        (largest, []),
    ]
    for region, obstacles in tries:
        free = region.difference(ops.unary_union(obstacles)) if obstacles else region
        candidates = [polygon for polygon in _polygons(free) if isinstance(polygon, Polygon) and not polygon.is_empty]
        if candidates:
            point = ops.polylabel(max(candidates, key=lambda polygon: polygon.area), tolerance=0.5)
            return round(point.x, 1), round(point.y, 1)
    point = largest.representative_point()  # pragma: no cover - the last try always has the area itself
    return round(point.x, 1), round(point.y, 1)
