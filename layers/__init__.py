"""Layer registry: every public module in this package is a layer and declares `LAYER = Layer(...)`."""

from __future__ import annotations

import importlib
import pkgutil

from ._layer import Layer, filter_records, in_year, load_layer
from ._schema import FOCUS_COUNTRIES

__all__ = ["LAYERS", "FOCUS_COUNTRIES", "Layer", "filter_records", "in_year", "load_layer"]


def _discover() -> dict[str, Layer]:
    found = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        layer = getattr(module, "LAYER", None)
        if not isinstance(layer, Layer) or layer.id != module_info.name:
            raise ImportError(f"layers/{module_info.name}.py must declare LAYER = Layer(id={module_info.name!r}, ...)")
        found.append(layer)
    return {layer.id: layer for layer in sorted(found, key=lambda layer: (layer.order, layer.id))}


LAYERS: dict[str, Layer] = _discover()
