"""Every key block's colours stay apart for readers with colour-blind eyes, and each layer's points have a shape of
their own: simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009 at full severity, from the
colour-science package) over every swatch the key can show, looped over the layer registry."""

from __future__ import annotations

import re
import itertools
import warnings
from pathlib import Path

import numpy as np
import pytest

from layers import LAYERS
from layers._dataset import load_dataset
from layers._details import legend_css, legend_html
from layers._schema import DEFAULT_YEAR
from layers._style import FOCUS_LAND, MARK_SHAPES, Swatch, confidence_swatches
from layers._view import layer_title, palette_swatches

with warnings.catch_warnings():  # its plotting half wants matplotlib, which this check does not use
    warnings.simplefilter("ignore")
    import colour

VISIONS = {"deuteranopia": "Deuteranomaly", "protanopia": "Protanomaly", "tritanopia": "Tritanomaly"}
# CIEDE2000 of 1 is about the smallest difference seen between large patches side by side. The key's samples and the
# map's marks are small (12-20 px) and seen apart, the sample in the key and its mark on the map, and the difference
# one needs between small marks grows several-fold as they shrink (Szafir, "Modeling Color Difference for
# Visualization Design", IEEE VIS 2017); 10 is the margin asked here of every pair of colours in one key block that
# mean different things, in normal vision and in each simulation. The same threshold for every pair: no pair relies
# on its outline (the dashed "no data" border, a layer's shape) to pass.
MIN_DELTA_E = 10.0

ROOT = Path(__file__).resolve().parents[1]


def _srgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def seen(swatch: Swatch) -> np.ndarray:
    """The sample's colour as drawn (sRGB, 0-1): a mark's fill is see-through by its confidence, over the map's land."""
    if swatch.shape != "dot":
        return _srgb(swatch.colour)
    return swatch.fill_opacity * _srgb(swatch.colour) + (1 - swatch.fill_opacity) * _srgb(FOCUS_LAND)


def lab(srgb: np.ndarray, vision: str | None) -> np.ndarray:
    """CIELAB (D65) of an sRGB colour as a reader with `vision` sees it (None: normal vision). Machado's matrices work
    on linear RGB. (Its tritan matrices approximate tritanopia by shifting the S cone, as colour-science warns: the
    standard simulation all the same.)"""
    linear = colour.cctf_decoding(srgb, function="sRGB")
    if vision is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", colour.utilities.ColourUsageWarning)
            matrix = colour.blindness.matrix_cvd_Machado2009(VISIONS[vision], 1)
        linear = np.clip(matrix @ linear, 0, 1)
    return colour.XYZ_to_Lab(colour.RGB_to_XYZ(linear, "sRGB"))  # linear already: no decoding


def delta_e(a: np.ndarray, b: np.ndarray, vision: str | None) -> float:
    return float(colour.delta_E(lab(a, vision), lab(b, vision), method="CIE 2000"))


def key_blocks() -> dict[str, list[Swatch]]:
    """Every block the key can show, as the app and the export build it: each point layer's palette, each colouring's
    choices (a survey series' key is the same in every year), and how confidence is drawn. The outline block
    (location precision) differs by its dashes alone, on one white, and the groups' circle has no colour."""
    dataset = load_dataset(LAYERS)
    blocks: dict[str, list[Swatch]] = {}
    for lid, loaded in dataset.layers.items():
        layer = loaded.layer
        if layer.marks:
            blocks[lid] = palette_swatches(layer, next(iter(layer.palettes)))
            continue
        colouring = layer.colouring
        choices = (colouring.choices(layer, loaded.frame, DEFAULT_YEAR) if colouring.choices and not colouring.per_year
                   else [(None, layer_title(layer))])
        for choice, _ in choices:
            blocks[f"{lid}:{choice}" if choice else lid] = colouring.draw(layer, loaded.frame, DEFAULT_YEAR, choice)[2]
    blocks["confidence"] = confidence_swatches()
    return {name: [s for s in swatches if s.colour and s.shape != "note"] for name, swatches in blocks.items()}


def too_close(swatches: list[Swatch], vision: str | None) -> list[tuple[float, str, str]]:
    """The pairs of samples (by label) closer than MIN_DELTA_E for `vision`."""
    out = []
    for a, b in itertools.combinations(swatches, 2):
        difference = delta_e(seen(a), seen(b), vision)
        if difference < MIN_DELTA_E:
            out.append((round(difference, 1), a.label, b.label))
    return out


BLOCKS = key_blocks()


def test_every_layer_and_colouring_has_a_key_block() -> None:
    """The loop below reaches every layer (a layer added later is checked without editing this file)."""
    assert {name.split(":")[0] for name in BLOCKS} == set(LAYERS) | {"confidence"}
    assert all(len(swatches) >= 2 for swatches in BLOCKS.values()), BLOCKS


@pytest.mark.parametrize("vision", [None, *VISIONS], ids=["normal", *VISIONS])
@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_a_key_blocks_colours_stay_apart(block: str, vision: str | None) -> None:
    assert too_close(BLOCKS[block], vision) == [], f"{block}: under {vision or 'normal vision'}, CIEDE2000 < {MIN_DELTA_E}"


def test_the_check_catches_colours_that_run_together() -> None:
    """The palettes before this check: events' greens and the olive of technology cooperation, the light greens and
    the sand of the visa key, the pale end of the opinion ramp and the 'no data' grey."""
    def old(*colours: str, shape: str = "dot") -> list[Swatch]:
        return [Swatch(c, c, shape=shape) for c in colours]

    assert too_close(old("#00563f", "#3fa34d", "#8c9a1f", "#9ccf8f", "#d9d9d9"), "protanopia")
    assert too_close(old("#1b7837", "#7fbf7b", "#c2e4b8", "#a6cee3", "#e08214", "#f3e3b5", shape="fill"), "deuteranopia")
    assert too_close(old("#dbe3d1", "#e4e4e4", shape="fill"), "tritanopia")
    assert not too_close(old("#000000", "#ffffff"), "tritanopia")


def test_each_layer_draws_its_points_in_a_shape_of_its_own() -> None:
    """Colour is never the only cue between layers: every layer with points (its own marks, or a dot per country) has
    a shape no other such layer has, and the key draws it."""
    pointed = {lid: layer.shape for lid, layer in LAYERS.items() if layer.marks or layer.style == "country_points"}
    assert all(shape in MARK_SHAPES for shape in pointed.values()), pointed
    assert len(set(pointed.values())) == len(pointed), pointed
    for lid, layer in LAYERS.items():
        if layer.marks:
            assert {s.mark for s in palette_swatches(layer, next(iter(layer.palettes)))} == {layer.shape}


@pytest.mark.parametrize("lid", [lid for lid, layer in LAYERS.items() if layer.marks])
def test_the_key_draws_a_layers_marks_in_its_shape(lid: str) -> None:
    """In the app's sidebar and the export alike (layers/templates/legend.html, CSS: Streamlit keeps no SVG): each
    sample has its layer's shape, drawn by static/app/samples.css, and its colour from a rule of legend_css; no sample
    carries a style of its own."""
    layer = LAYERS[lid]
    swatches = palette_swatches(layer, next(iter(layer.palettes)))
    html, css = legend_html(layer_title(layer), swatches), legend_css(swatches)
    drawn = {"circle": "border-radius: 50%", "square": "border-radius: 0", "diamond": "rotate(45deg)",
             "triangle": "clip-path: polygon(50% 0, 100% 100%, 0 100%)"}[layer.shape]
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", (ROOT / "static/app/samples.css").read_text(encoding="utf-8"))
    assert any(drawn in body for selectors, body in rules if f".wb-sample-{layer.shape} " in selectors + " ")
    samples = re.findall(r'class="wb-sample wb-sample-(\w+) (wb-s-[0-9a-f]+)"', html)
    assert [shape for shape, _ in samples] == [layer.shape] * len(swatches)
    colours = dict(re.findall(r"\.(wb-s-[0-9a-f]+)\{--wb-colour:(#[0-9a-f]{6});", css))
    assert [colours[name] for _, name in samples] == [s.colour for s in swatches]
    assert "<svg" not in html and "style=" not in html


def test_the_shapes_have_the_area_of_a_circle() -> None:
    """No layer's marks look weightier than another's: each shape's area is that of the circle of the same radius."""
    for name, corners in MARK_SHAPES.items():
        if not corners:
            continue
        x, y = np.array(corners).T
        area = abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2  # the shoelace formula
        assert area == pytest.approx(np.pi, rel=1e-3), name
        assert np.allclose([x.mean(), y.mean()], 0, atol=1e-3), name  # centred on its point
