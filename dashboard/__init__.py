"""The dashboard's Streamlit parts, which app.py puts together top to bottom. With app.py, the only code that imports
streamlit: everything below (layers/) is pure functions and plain data."""
