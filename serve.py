"""The public viewer's entry point: `streamlit run serve.py` serves app.py as `streamlit run app.py` does, with the
app's own title and description in the page Streamlit sends, so a shared link shows them in its preview."""

from starlette.middleware import Middleware

import streamlit as st
from layers._page_head import PageHead

app = st.App("app.py", middleware=[Middleware(PageHead)])
