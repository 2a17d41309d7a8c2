from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CompressionInfo")


@_attrs_define
class CompressionInfo:
    """How bodies may travel compressed (docs/wire.md, Compression).

    Attributes:
        request_codings (list[str]): Content-Encoding values a request body may carry (besides identity).
        response_level (int): zlib level of answers compressed as Accept-Encoding asks; 0: never
            (GRADSERVE_COMPRESS_LEVEL).
        response_min_bytes (int): Smallest answer compressed (GRADSERVE_COMPRESS_MIN_BYTES).
    """

    request_codings: list[str]
    response_level: int
    response_min_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_codings = self.request_codings

        response_level = self.response_level

        response_min_bytes = self.response_min_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_codings": request_codings,
                "response_level": response_level,
                "response_min_bytes": response_min_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_codings = cast(list[str], d.pop("request_codings"))

        response_level = d.pop("response_level")

        response_min_bytes = d.pop("response_min_bytes")

        compression_info = cls(
            request_codings=request_codings,
            response_level=response_level,
            response_min_bytes=response_min_bytes,
        )

        compression_info.additional_properties = d
        return compression_info

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
