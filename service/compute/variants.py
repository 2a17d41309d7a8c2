"""Known other forms of one function, declared on its registry entry, that verify recognises.

A :class:`Variant` is a fact about one activation or loss (leaky_relu's other libraries'
slopes, gelu's two forms, sigmoid's derivative without one of its factors), so it lives on that
function's entry (``Activation.variants``, ``Loss.variants``). ``service.compute.inspect.verify``
iterates the entry's variants generically beside the diagnoses that hold for every function of
a family (sign_flipped, scaled, derivative_at_output, ...), and names no function itself.

How a variant is computed:

* ``params``: the same function with these parameters (``{"alpha": 0.01}`` for leaky_relu with
  PyTorch's slope); verify skips it when the request already resolved to these values;
* ``derivative`` (elementwise activations): the same function with its derivative replaced by
  ``derivative(x, p)`` (the value is not part of the variant; the VJP is ``g · derivative`` and
  the Jacobian its diagonal), for a derivative written with a factor missing.

``detail`` may hold ``{name}`` fields, filled from the request's resolved parameters
(``"... instead of {alpha}"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Array = np.ndarray
Params = dict[str, Any]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    return bool(a == b)


def plain(p: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON-ready values (arrays as lists)."""
    return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in p.items()}


@dataclass(frozen=True)
class Variant:
    """One known other form of a function: its diagnosis name, what it means, how to compute it.

    ``diagnosis`` is the name verify reports (``leaky_slope_0.01``,
    ``missing_chain_rule_factor``); ``detail`` says what the client did (``{param}`` fields are
    filled from the resolved parameters). Exactly one of ``params`` and ``derivative`` says how
    to compute the variant (see the module docstring); ``when`` restricts it to requests whose
    resolved parameters have these values (gelu's tanh form has its own missing factor).
    """

    diagnosis: str
    detail: str
    params: Mapping[str, Any] = field(default_factory=dict)
    derivative: Callable[[Array, Params], Array] | None = None
    when: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if bool(self.params) == (self.derivative is not None):
            raise ValueError(f"variant {self.diagnosis}: give exactly one of params, derivative")

    def applies(self, p: Mapping[str, Any]) -> bool:
        """Whether the variant is tried for these resolved parameters: they match ``when``,
        and they are not already the variant's ``params``."""
        if any(k not in p or not _same(p[k], v) for k, v in self.when.items()):
            return False
        if self.derivative is not None:
            return True
        return any(k not in p or not _same(p[k], v) for k, v in self.params.items())

    def describe(self, p: Mapping[str, Any]) -> str:
        """``detail`` with its ``{param}`` fields filled from the resolved parameters."""
        return self.detail.format_map(plain(p))
