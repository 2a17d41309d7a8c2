"""service/compute/params.py: integer parameters are 64-bit integers, kept exact."""

from __future__ import annotations

from typing import Any

import pytest

from service.compute.errors import InvalidInputError
from service.compute.params import ParamSpec, given_as, resolve_params

INDEX = ParamSpec("index", -100, "an integer parameter", type="int", nullable=True)
COUNT = ParamSpec("count", 1, "a bounded integer parameter", type="int", minimum=1, maximum=10)


@pytest.mark.parametrize(
    "given", [2**63 - 1, -(2**63), 0, -100, 7.0, 1e18], ids=lambda v: repr(v)[:12]
)
def test_a_64_bit_integer_is_kept_exactly(given: Any) -> None:
    got = resolve_params([INDEX], {"index": given})["index"]
    assert got == int(given) and type(got) is int


@pytest.mark.parametrize(
    "given", [2**63, -(2**63) - 1, 2**64, 10**400, 1e20, -1e300], ids=lambda v: repr(v)[:12]
)
def test_an_integer_beyond_64_bits_is_a_422_naming_the_field(given: Any) -> None:
    with pytest.raises(InvalidInputError) as err:
        resolve_params([INDEX], {"index": given})
    assert err.value.loc == ("params", "index")
    assert "64-bit integer" in str(err.value)


def test_an_integer_too_long_to_print_is_named_without_its_digits() -> None:
    with pytest.raises(InvalidInputError) as err:
        resolve_params([INDEX], {"index": 10**5000})
    assert "more than 4,300 digits" in str(err.value)


def test_the_declared_range_still_applies_to_integers() -> None:
    assert resolve_params([COUNT], {"count": 10})["count"] == 10
    for bad in (0, 11, 2.5, True):
        with pytest.raises(InvalidInputError):
            resolve_params([COUNT], {"count": bad})


def test_a_float_parameter_given_an_integer_beyond_the_float_range_is_a_422() -> None:
    spec = ParamSpec("alpha", 1.0, "a float parameter", type="float")
    with pytest.raises(InvalidInputError) as err:
        resolve_params([spec], {"alpha": 10**400})
    assert err.value.loc == ("params", "alpha")


def test_given_as_names_each_parameter_as_the_client_gave_it() -> None:
    specs = [
        ParamSpec("min_val", -1.0, "lower bound", aliases=("min_value",)),
        ParamSpec("max_val", 1.0, "upper bound", aliases=("max_value",)),
        ParamSpec("scale", 0.0, "no alias"),
    ]
    assert given_as(specs, {"min_value": 2, "max_val": 1}) == {
        "min_val": "min_value",
        "max_val": "max_val",
    }
    assert given_as(specs, None) == {}
    assert given_as(specs, {"unknown": 1}) == {}


def test_the_catalog_states_every_number_s_range() -> None:
    """A number with no bound is '(-inf, inf)' in the catalog (not null), while its error
    message stays "expected a number"; booleans and free strings have no range."""
    free = ParamSpec("alpha", 0.1, "a slope")
    assert free.catalog()["range"] == "(-inf, inf)"
    assert ParamSpec("n", 1, "count", type="int").catalog()["range"] == "(-inf, inf)"
    assert ParamSpec("flag", False, "switch", type="bool").catalog()["range"] is None
    assert ParamSpec("label", "a", "text", type="str").catalog()["range"] is None
    assert ParamSpec("mode", "a", "m", type="str", choices=("a", "b")).catalog()["range"] == (
        "one of 'a', 'b'"
    )
    with pytest.raises(InvalidInputError, match=r"^expected a number, got 'x'$"):
        free.check("x", ("params", "alpha"))
