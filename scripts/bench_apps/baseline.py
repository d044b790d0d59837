"""The naive baseline for scripts/bench.py: the same layers built the plain way. Do not copy this.

Every rerun reads every file again with geopandas/pandas, draws the unsimplified Natural Earth 10m country polygons,
builds a new folium map with default markers and calls `st_folium(m)` with default arguments (so every pan and zoom
reruns the script, and a year change remounts the map). Leaflet comes from this server's static/ folder, so the
baseline draws offline like the app; nothing else differs from folium's defaults.
Started by the benchmark from a folder holding this file, static/vendor/leaflet and countries_10m.geojson.
"""

import os
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

DATA = Path(os.environ.get("BENCH_DATA_DIR", "geodata"))
COUNTRIES_10M = Path(__file__).resolve().parent / "countries_10m.geojson"
LEAFLET = "/app/static/vendor/leaflet"
NATO = {"member": "#2c5d8f", "partnership_for_peace": "#8fb8de", "not_member": "#f3e3b5"}

st.set_page_config(page_title="Baseline", layout="wide")
year = st.slider("Year", 2012, 2026, 2025)


def in_year(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["year_from"] <= year) & (frame["year_to"].isna() | (frame["year_to"] >= year))]


m = folium.Map(location=[43.0, 19.45], zoom_start=7, tiles=None)
m.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
m.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]

countries = gpd.read_file(COUNTRIES_10M)
status = in_year(pd.read_csv(DATA / "diplomacy.csv"))[["country", "nato"]]
countries = countries.merge(status, left_on="iso_a2", right_on="country", how="left")
folium.GeoJson(countries, name="countries", tooltip=folium.GeoJsonTooltip(["name"]),
               style_function=lambda f: {"fillColor": NATO.get(f["properties"]["nato"], "#dddddd"), "color": "#555",
                                         "weight": 1, "fillOpacity": 0.7}).add_to(m)

for name in ("infrastructure", "surveillance", "events"):
    records = in_year(gpd.read_file(DATA / f"{name}.geojson"))
    records = records[records.geometry.notna()].explode(index_parts=False)  # Leaflet cannot tooltip a MultiPoint
    if len(records):
        folium.GeoJson(records, name=name, tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)

vaccines = in_year(pd.read_csv(DATA / "vaccines.csv"))
vaccines = vaccines.assign(country=vaccines["country"].str.split(";")).explode("country")  # "AL;BA;…" rows
for code, deliveries in vaccines.groupby("country"):
    where = countries[countries["iso_a2"] == code].geometry.representative_point().iloc[0]
    folium.Marker([where.y, where.x], tooltip="<br>".join(deliveries["name"])).add_to(m)

left, right = st.columns([2, 1])
with left:
    result = st_folium(m)
with right:
    clicked = ((result or {}).get("last_active_drawing") or {}).get("properties") or {}
    if clicked.get("id"):
        st.subheader(clicked["name"])
        figures = pd.read_csv(DATA / "figures.csv")
        for row in figures[figures["record_id"] == clicked["id"]].itertuples():
            st.write(f"{row.label}: {row.value:g} {row.unit} ({row.publisher})")
    elif clicked.get("name"):
        st.subheader(clicked["name"])
    else:
        st.info("Click a mark for its details.")
