"""The map floor for scripts/bench.py: nothing but one triangle on a folium map, through `st_folium` with the app's
own arguments. It is what every map page built on this stack pays before any content of its own (Streamlit's
component iframe, streamlit-folium's bundle, Leaflet), so the app's first paint can be read against it as well as
against Streamlit's one-line floor. Started by the benchmark from a folder holding this file and static/vendor/leaflet.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

LEAFLET = "/app/static/vendor/leaflet"

st.set_page_config(page_title="Map floor", layout="wide")
m = folium.Map(location=[43.0, 19.45], zoom_start=7, tiles=None)
m.default_js = [("leaflet", f"{LEAFLET}/leaflet.js")]
m.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css")]
folium.Polygon([[42.0, 19.0], [44.0, 19.0], [44.0, 21.0]], fill=True).add_to(m)
st_folium(m, key="map", height=660, use_container_width=True, returned_objects=["last_active_drawing"])
