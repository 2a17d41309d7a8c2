"""Parameter trees: one tensor, or a (nested) mapping of named tensors.

The step endpoint accepts ``params`` as a single array or as a nested mapping
``{"layer1": {"w": ..., "b": ...}, ...}`` (as optax's pytrees of dicts). The compute layer
flattens a tree into ``(path, array)`` leaves in insertion order, works on the leaves and
rebuilds the same structure for the outputs (parameters and every state slot).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from service.compute.errors import InvalidInputError, Loc

Path = tuple[str, ...]
Tree = Any  # np.ndarray | Mapping[str, Tree]


def is_leaf(node: Any) -> bool:
    return not isinstance(node, Mapping)


def flatten(tree: Tree, loc: Loc) -> list[tuple[Path, Any]]:
    """Leaves of ``tree`` with their paths, in insertion order.

    An empty mapping (anywhere) is an error: there would be nothing to optimise.
    """
    out: list[tuple[Path, Any]] = []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, Mapping):
            if not node:
                raise InvalidInputError(
                    "expected a tensor or a non-empty mapping of named tensors, got {}",
                    (*loc, *path),
                )
            for key, child in node.items():
                if not isinstance(key, str):
                    raise InvalidInputError(f"expected string names, got {key!r}", (*loc, *path))
                walk(child, (*path, key))
        else:
            out.append((path, node))

    walk(tree, ())
    return out


def unflatten(paths: list[Path], values: list[Any]) -> Tree:
    """Rebuild a tree from leaves: the single leaf with path ``()`` is returned as is."""
    if len(paths) == 1 and paths[0] == ():
        return values[0]
    root: dict[str, Any] = {}
    for path, value in zip(paths, values, strict=True):
        node = root
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return root


def describe(path: Path) -> str:
    return "params" + "".join(f"[{k!r}]" for k in path)


def as_array(value: Any, loc: Loc) -> np.ndarray:
    """A leaf as a float ndarray (numbers and 0-d values become 0-d arrays)."""
    if isinstance(value, np.ndarray):
        arr = value
    elif isinstance(value, bool) or not isinstance(value, int | float | list | np.generic):
        raise InvalidInputError(f"expected a tensor, got {type(value).__name__}", loc)
    else:
        arr = np.asarray(value)
    if arr.dtype.kind not in "fiu":
        raise InvalidInputError(f"expected a real-valued tensor, got dtype {arr.dtype}", loc)
    return arr
