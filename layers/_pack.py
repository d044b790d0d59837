"""A compact, lossless form for the view models the static export ships (its size budget is 1 MB): each object
becomes a list led by a negative number naming its list of keys (-1 for the first), and each string used more than
once becomes the index of its entry in a shared table. The views hold no numbers of their own, so a non-negative
integer is always a shared string and a list led by a negative one is always an object; static/export/unpack.js turns
the packed form back into the same objects."""

from __future__ import annotations

from collections import Counter
from typing import Any


def _strings(value: Any, counts: Counter) -> None:
    if isinstance(value, str):
        counts[value] += 1
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, counts)
    elif isinstance(value, list):
        for item in value:
            _strings(item, counts)


def pack(values: list[Any]) -> dict[str, Any]:
    """{"keys": [[key, ...], ...], "strings": [...], "values": [...]}: `values` packed, in order."""
    counts: Counter = Counter()
    for value in values:
        _strings(value, counts)
    shared = sorted((s for s, n in counts.items() if n > 1 and len(s) > 2), key=lambda s: (-counts[s], s))
    index = {s: i for i, s in enumerate(shared)}
    key_lists: dict[tuple[str, ...], int] = {}

    def one(value: Any) -> Any:
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, (int, float)):
            raise TypeError("a view to pack holds no numbers: they stand for shared strings and objects' keys")
        if isinstance(value, str):
            return index.get(value, value)
        if isinstance(value, list):
            return [one(item) for item in value]
        keys = tuple(value)
        shape = key_lists.setdefault(keys, len(key_lists))
        return [-1 - shape, *(one(value[k]) for k in keys)]

    packed = [one(value) for value in values]
    return {"keys": [list(keys) for keys in key_lists], "strings": shared, "values": packed}


def unpack(data: dict[str, Any]) -> list[Any]:
    """The inverse of `pack` (static/export/unpack.js does the same in the browser)."""
    keys, strings = data["keys"], data["strings"]

    def one(value: Any) -> Any:
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        if isinstance(value, int):
            return strings[value]
        if value and isinstance(value[0], int) and not isinstance(value[0], bool) and value[0] < 0:
            return {name: one(item) for name, item in zip(keys[-1 - value[0]], value[1:])}
        return [one(item) for item in value]

    return [one(value) for value in data["values"]]
