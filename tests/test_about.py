"""The "About this map" section: its counts agree with the data files, read here without the app's loader, and it
explains every confidence and precision word the data may use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from data_files import raw_records

from layers import LAYERS
from layers._about import about_html, about_markdown, holdings
from layers._templates import emphasis
from layers._dataset import load_dataset
from layers._map import esc
from layers._records import DATA_DIR
from layers._schema import VOCABULARIES
from layers._view import layer_title


def test_the_counts_are_the_files_own() -> None:
    held = holdings(load_dataset(LAYERS, DATA_DIR))
    assert dict(held.records) == {lid: len(raw_records(layer.file_name)) for lid, layer in LAYERS.items()}
    assert [lid for lid, _ in held.records] == list(LAYERS)  # in the registry's order, as the layer controls
    every = [r for layer in LAYERS.values() for r in raw_records(layer.file_name)] + raw_records("sources.csv") + raw_records("figures.csv")
    assert held.sources == len({r["source_url"] for r in every})
    assert held.figures == len(raw_records("figures.csv"))
    assert held.newest == max(r["published"] for r in every if len(r["published"]) == 10)


MARKDOWN = (about_markdown, "**{title}** ({count})", "- **{word}**: {meaning}", str)
HTML = (about_html, "<li><strong>{title}</strong> ({count}): ", "<li><strong>{word}</strong>: {meaning}</li>", esc)


@pytest.mark.parametrize("render, layer_line, word_line, escape", [MARKDOWN, HTML], ids=["app", "export"])
def test_the_text_names_every_layer_and_explains_every_confidence_and_precision_word(render, layer_line, word_line,
                                                                                     escape) -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    text = render(data)
    for lid, layer in LAYERS.items():
        assert layer_line.format(title=escape(layer_title(layer)), count=len(data.layers[lid].frame)) in text
    for vocabulary in ("confidence", "precision"):
        for word, meaning in VOCABULARIES[vocabulary].items():
            assert word_line.format(word=escape(word.replace("_", " ")), meaning=escape(meaning)) in text
    assert f"{holdings(data).sources} distinct sources" in text


def test_a_layer_that_failed_to_load_is_left_out_not_counted_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "geodata"
    shutil.copytree(DATA_DIR, folder)
    (folder / "diplomacy.csv").write_text("id,name\nSTATUS-RS-2012,broken\n", encoding="utf-8")
    held = holdings(load_dataset(LAYERS, folder))
    assert "diplomacy" not in dict(held.records) and dict(held.records)["infrastructure"] == len(raw_records("infrastructure.geojson"))
    kept = [r for layer in LAYERS.values() if layer.id != "diplomacy" for r in raw_records(layer.file_name)]
    kept += raw_records("sources.csv") + raw_records("figures.csv")  # no status record has sources or figures of its own
    assert held.sources == len({r["source_url"] for r in kept})
    assert held.figures == len(raw_records("figures.csv"))
    assert "Diplomatic status" not in about_markdown(load_dataset(LAYERS, folder))


def test_the_static_exports_html_points_to_the_repository_and_keeps_the_catalogues_emphasis() -> None:
    data = load_dataset(LAYERS, DATA_DIR)
    page = about_html(data)
    held = holdings(data)
    assert f"{held.figures} sourced figures, and {held.sources} distinct sources" in page and held.newest in page
    assert "<strong>Where sources disagree</strong>" in page and "<em>sources disagree</em>" in page
    assert "project&#39;s repository" in page and "ZIP" not in page  # the export has no downloads
    assert "*" not in page


def test_only_the_catalogues_own_emphasis_becomes_markup() -> None:
    assert emphasis("a <b>&</b> **bold** and *it*") == "a &lt;b&gt;&amp;&lt;/b&gt; <strong>bold</strong> and <em>it</em>"


def test_a_title_or_description_with_markup_stays_text_in_the_exports_html(monkeypatch) -> None:
    import layers._about as about

    monkeypatch.setattr(about, "layer_title", lambda layer: "<img src=x onerror=alert(1)> **bold**")
    page = about_html(load_dataset(LAYERS, DATA_DIR))
    assert "&lt;img src=x onerror=alert(1)&gt; **bold**" in page and "<img" not in page
