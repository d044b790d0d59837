import streamlit as st; st.write("Floor: Streamlit page start")  # noqa: E702 - the benchmark floor: one line of Streamlit
