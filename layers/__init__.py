"""Layer registry: every public module in this package is a layer and declares `LAYER = Layer(...)`; so is every
module in the folders WB_LAYER_PATH names (os.pathsep-separated), which lets a layer be added without touching the
package (a test registers a throwaway one this way)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import sys
from pathlib import Path

from ._layer import Colouring, Layer, filter_records, in_year, load_layer
from ._schema import DEFAULT_YEAR, FOCUS_COUNTRIES, YEARS, Field

__all__ = ["LAYERS", "DEFAULT_YEAR", "FOCUS_COUNTRIES", "YEARS", "Colouring", "Field", "Layer", "filter_records",
           "in_year", "load_layer"]
EXTRA_PATH = "WB_LAYER_PATH"


def _checked(module, name: str, where: str) -> Layer:
    layer = getattr(module, "LAYER", None)
    if not isinstance(layer, Layer) or layer.id != name:
        raise ImportError(f"{where}/{name}.py must declare LAYER = Layer(id={name!r}, ...)")
    return layer


def _extra_modules() -> list:
    """The layer modules of the folders WB_LAYER_PATH names, imported as `layers.<name>`."""
    out = []
    for folder in filter(None, os.environ.get(EXTRA_PATH, "").split(os.pathsep)):
        for path in sorted(Path(folder).glob("*.py")):
            if path.stem.startswith("_"):
                continue
            spec = importlib.util.spec_from_file_location(f"{__name__}.{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            out.append((module, path.stem, folder))
    return out


def _discover() -> dict[str, Layer]:
    found = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found.append(_checked(module, module_info.name, "layers"))
    found += [_checked(module, name, folder) for module, name, folder in _extra_modules()]
    return {layer.id: layer for layer in sorted(found, key=lambda layer: (layer.order, layer.id))}


LAYERS: dict[str, Layer] = _discover()
