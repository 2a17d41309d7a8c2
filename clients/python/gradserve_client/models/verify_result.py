from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verify_result_state_type_0 import VerifyResultStateType0


T = TypeVar("T", bound="VerifyResult")


@_attrs_define
class VerifyResult:
    """
    Attributes:
        params (Any): The parameters the client's step produced: a tensor or a mapping of named tensors like `params`.
        state (None | Unset | VerifyResultStateType0): Optionally the state it produced, {"step", "slots": {slot:
            tensors}}, slots named as in GET /v1/optimizers/{name}.
    """

    params: Any
    state: None | Unset | VerifyResultStateType0 = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.verify_result_state_type_0 import VerifyResultStateType0  # noqa: PLC0415

        params = self.params

        state: dict[str, Any] | None | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, VerifyResultStateType0):
            state = self.state.to_dict()
        else:
            state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "params": params,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verify_result_state_type_0 import VerifyResultStateType0  # noqa: PLC0415

        d = dict(src_dict)
        params = d.pop("params")

        def _parse_state(data: object) -> None | Unset | VerifyResultStateType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                state_type_0 = VerifyResultStateType0.from_dict(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerifyResultStateType0, data)

        state = _parse_state(d.pop("state", UNSET))

        verify_result = cls(
            params=params,
            state=state,
        )

        return verify_result
