# Public viewer image: non-root, health-checked, Leaflet baked in from its pinned wheel, data validated at build.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 viewer
WORKDIR /app
# The server calls no one: Streamlit is told the machine's addresses instead of asking the network for them
# (deploy/python/sitecustomize.py; tests/test_outbound.py)
ENV PYTHONPATH=/app/deploy/python WB_NO_OUTBOUND=1

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=viewer:viewer . .
RUN python -m layers validate \
 && python -m layers catalogues --compile \
 && python -c "from layers._assets import ensure_leaflet; ensure_leaflet()" \
 && chown -R viewer:viewer static

USER viewer
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"
CMD ["streamlit", "run", "serve.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
