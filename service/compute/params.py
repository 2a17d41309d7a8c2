"""Parameter specifications: defaults, ranges, aliases, and validation.

Every registered function declares its parameters as :class:`ParamSpec` values.
The catalog endpoints render them with :meth:`ParamSpec.catalog`, and requests
are checked with :func:`resolve_params`, which maps aliases to canonical names,
rejects unknown names, checks types and ranges and fills in defaults. Errors are
:class:`~service.compute.errors.InvalidInputError` with ``loc`` pointing at the field.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np

from service.compute.errors import InvalidInputError, Loc

ParamType = Literal["float", "int", "bool", "str", "float_pair", "tensor"]


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a function, optimizer or objective.

    ``type``:
      * ``float`` / ``int`` / ``bool`` / ``str`` (``choices`` lists the allowed strings);
      * ``float_pair``: two floats, as torch's ``betas`` or ``etas`` (each checked against
        ``minimum``/``maximum``);
      * ``tensor``: a float or an array (PReLU's per-channel ``alpha``); arrays arrive
        through the ``decode_tensor`` callback of :func:`resolve_params`.
    Bounds are inclusive unless ``exclusive_minimum``/``exclusive_maximum``.
    ``nullable`` allows ``None`` (e.g. torch's ``eps=(None, 1e-3)``).
    """

    name: str
    default: Any
    description: str
    type: ParamType = "float"
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    choices: tuple[str, ...] | None = None
    aliases: tuple[str, ...] = ()
    nullable: bool = False
    learnable: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def range_text(self) -> str | None:
        """The allowed values: ``one of ...`` for a string with choices, an interval for a
        number (``(-inf, inf)`` when any finite number is allowed), None for a boolean or a
        free string. A constraint between parameters is stated in the descriptions."""
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.type in ("bool", "str"):
            return None
        lo = (
            "(-inf"
            if self.minimum is None
            else ("(" if self.exclusive_minimum else "[") + _num(self.minimum)
        )
        hi = (
            "inf)"
            if self.maximum is None
            else _num(self.maximum) + (")" if self.exclusive_maximum else "]")
        )
        return f"{lo}, {hi}"

    def catalog(self) -> dict[str, Any]:
        """JSON-ready description for the catalog endpoints."""
        default = self.default
        if isinstance(default, tuple):
            default = list(default)
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "default": default,
            "range": self.range_text(),
            "description": self.description,
            "aliases": list(self.aliases),
        }
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.learnable:
            out["learnable"] = True
        out.update(self.extra)
        return out

    def check(
        self,
        value: Any,
        loc: tuple[str | int, ...],
        decode_tensor: Callable[[Any, tuple[str | int, ...]], np.ndarray] | None = None,
    ) -> Any:
        """Validate one value and return it converted (float, int, bool, str, tuple, array)."""
        if value is None:
            if self.nullable:
                return None
            raise InvalidInputError(f"expected {self._expected()}, got null", loc)
        t = self.type
        if t == "bool":
            if not isinstance(value, bool):
                raise InvalidInputError(f"expected a boolean, got {_show(value)}", loc)
            return value
        if t == "str":
            if not isinstance(value, str) or (self.choices and value not in self.choices):
                raise InvalidInputError(f"expected {self._expected()}, got {_show(value)}", loc)
            return value
        if t == "float_pair":
            if (not isinstance(value, list | tuple)) or len(value) != 2:
                raise InvalidInputError(f"expected a pair of numbers, got {_show(value)}", loc)
            return tuple(self._number(v, (*loc, i)) for i, v in enumerate(value))
        if t == "tensor" and isinstance(value, list | dict | np.ndarray):
            if isinstance(value, np.ndarray):  # decoded at the edge (service.api.deps)
                if value.dtype.kind not in "fiu":
                    raise InvalidInputError(f"expected {self._expected()}, got {value.dtype}", loc)
                arr = value
            elif decode_tensor is None:
                raise InvalidInputError(f"expected {self._expected()}, got {_show(value)}", loc)
            else:
                arr = decode_tensor(value, loc)
            if not np.all(self._in_range_array(arr)):
                raise InvalidInputError(
                    f"expected values in {self.range_text()}, got some outside", loc
                )
            return arr
        if t == "int":
            if isinstance(value, bool) or not (
                isinstance(value, int) or (isinstance(value, float) and value.is_integer())
            ):
                raise InvalidInputError(f"expected an integer, got {_show(value)}", loc)
            n = int(value)  # exact: a float's conversion would round 2**63 - 1 up
            if not -(1 << 63) <= n < (1 << 63):
                raise InvalidInputError(
                    f"expected a 64-bit integer (-2**63 to 2**63 - 1), got {_show(value)}", loc
                )
            self._number(value, loc)  # the declared range
            return n
        return self._number(value, loc)

    def _number(self, value: Any, loc: tuple[str | int, ...]) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInputError(f"expected {self._expected()}, got {_show(value)}", loc)
        try:
            v = float(value)
        except OverflowError:  # an integer beyond the float range
            raise InvalidInputError(
                f"expected {self._expected()}, got {_show(value)}", loc
            ) from None
        if math.isnan(v) or not self._in_range(v):
            raise InvalidInputError(f"expected {self._expected()}, got {_show(value)}", loc)
        return v

    def _in_range(self, v: float) -> bool:
        if self.minimum is not None and (
            v < self.minimum or (self.exclusive_minimum and v == self.minimum)
        ):
            return False
        if self.maximum is not None and (
            v > self.maximum or (self.exclusive_maximum and v == self.maximum)
        ):
            return False
        return not (
            math.isinf(v) and self.minimum is None and self.maximum is None and self.type != "float"
        )

    def _in_range_array(self, a: np.ndarray) -> np.ndarray:
        ok = ~np.isnan(a)
        if self.minimum is not None:
            ok &= (a > self.minimum) if self.exclusive_minimum else (a >= self.minimum)
        if self.maximum is not None:
            ok &= (a < self.maximum) if self.exclusive_maximum else (a <= self.maximum)
        return cast(np.ndarray, ok)

    def _expected(self) -> str:
        kind = {
            "float": "a number",
            "int": "an integer",
            "bool": "a boolean",
            "str": "a string",
            "float_pair": "a pair of numbers",
            "tensor": "a number or a tensor",
        }[self.type]
        bounded = self.minimum is not None or self.maximum is not None
        rng = self.range_text() if bounded or self.choices is not None else None
        if self.type == "str" and rng:
            return rng
        return f"{kind} in {rng}" if rng else kind


def check_number(value: Any, loc: Loc, *, positive: bool = False) -> float:
    """A finite real number, ``>= 0`` (or ``> 0`` when ``positive``), else InvalidInputError
    at ``loc``; a boolean is not a number. For thresholds and tolerances that compute reads
    from plain dataclasses (direct callers skip the request models' validation)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
        or (positive and value == 0)
    ):
        bound = "> 0" if positive else ">= 0"
        raise InvalidInputError(f"expected a finite number {bound}, got {value!r}", loc)
    return float(value)


def _num(v: float) -> str:
    return repr(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(v)


def _show(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer over Python's 4,300-digit conversion limit
        return "an integer of more than 4,300 digits"
    return text if len(text) <= 60 else text[:57] + "..."


def _by_name(specs: Sequence[ParamSpec]) -> dict[str, ParamSpec]:
    """Each spec under its canonical name and under each of its aliases."""
    return {key: spec for spec in specs for key in (spec.name, *spec.aliases)}


def given_as(specs: Sequence[ParamSpec], given: Mapping[str, Any] | None) -> dict[str, str]:
    """For each parameter of ``given``, its canonical name -> the name it was given under
    (an alias or the name itself)."""
    lookup = _by_name(specs)
    return {lookup[key].name: key for key in (given or {}) if key in lookup}


def resolve_params(
    specs: Sequence[ParamSpec],
    given: Mapping[str, Any] | None,
    loc: tuple[str | int, ...] = ("params",),
    decode_tensor: Callable[[Any, tuple[str | int, ...]], np.ndarray] | None = None,
) -> dict[str, Any]:
    """Map aliases to canonical names, validate every value and fill in defaults.

    Raises InvalidInputError for an unknown name (listing the valid ones), a name given
    twice (canonical and alias), a wrong type or a value out of range.
    """
    lookup = _by_name(specs)
    out: dict[str, Any] = {}
    seen_as: dict[str, str] = {}
    for key, value in (given or {}).items():
        found = lookup.get(key)
        if found is None:
            valid = ", ".join(s.name for s in specs) or "none"
            raise InvalidInputError(
                f"unknown parameter {key!r}; valid parameters: {valid}", (*loc, key)
            )
        spec = found
        if spec.name in seen_as:
            raise InvalidInputError(
                f"parameter {spec.name!r} given twice (as {seen_as[spec.name]!r} and {key!r})",
                (*loc, key),
            )
        seen_as[spec.name] = key
        out[spec.name] = spec.check(value, (*loc, key), decode_tensor)
    for spec in specs:
        if spec.name not in out:
            d = spec.default
            out[spec.name] = tuple(d) if isinstance(d, list) else d
    return out
