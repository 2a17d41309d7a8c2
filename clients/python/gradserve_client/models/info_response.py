from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.compression_info import CompressionInfo
    from ..models.info_response_blas_type_0 import InfoResponseBlasType0
    from ..models.info_response_limits import InfoResponseLimits


T = TypeVar("T", bound="InfoResponse")


@_attrs_define
class InfoResponse:
    """The service, its limits and its numeric stack.

    Attributes:
        name (str):
        version (str):
        limits (InfoResponseLimits): Every limit in force, with its setting.
        workers (int):
        api_key_required (bool):
        python (str):
        platform (str):
        numpy (str):
        scipy (str):
        blas (InfoResponseBlasType0 | None): NumPy's BLAS/LAPACK build information.
        blas_threads (int | None): Threads the BLAS runs in the answering worker process (GRADSERVE_BLAS_THREADS).
        compression (CompressionInfo): How bodies may travel compressed (docs/wire.md, Compression).
    """

    name: str
    version: str
    limits: InfoResponseLimits
    workers: int
    api_key_required: bool
    python: str
    platform: str
    numpy: str
    scipy: str
    blas: InfoResponseBlasType0 | None
    blas_threads: int | None
    compression: CompressionInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.info_response_blas_type_0 import InfoResponseBlasType0  # noqa: PLC0415

        name = self.name

        version = self.version

        limits = self.limits.to_dict()

        workers = self.workers

        api_key_required = self.api_key_required

        python = self.python

        platform = self.platform

        numpy = self.numpy

        scipy = self.scipy

        blas: dict[str, Any] | None
        if isinstance(self.blas, InfoResponseBlasType0):
            blas = self.blas.to_dict()
        else:
            blas = self.blas

        blas_threads: int | None
        blas_threads = self.blas_threads

        compression = self.compression.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "limits": limits,
                "workers": workers,
                "api_key_required": api_key_required,
                "python": python,
                "platform": platform,
                "numpy": numpy,
                "scipy": scipy,
                "blas": blas,
                "blas_threads": blas_threads,
                "compression": compression,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compression_info import CompressionInfo  # noqa: PLC0415
        from ..models.info_response_blas_type_0 import InfoResponseBlasType0  # noqa: PLC0415
        from ..models.info_response_limits import InfoResponseLimits  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        limits = InfoResponseLimits.from_dict(d.pop("limits"))

        workers = d.pop("workers")

        api_key_required = d.pop("api_key_required")

        python = d.pop("python")

        platform = d.pop("platform")

        numpy = d.pop("numpy")

        scipy = d.pop("scipy")

        def _parse_blas(data: object) -> InfoResponseBlasType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                blas_type_0 = InfoResponseBlasType0.from_dict(data)

                return blas_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InfoResponseBlasType0 | None, data)

        blas = _parse_blas(d.pop("blas"))

        def _parse_blas_threads(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        blas_threads = _parse_blas_threads(d.pop("blas_threads"))

        compression = CompressionInfo.from_dict(d.pop("compression"))

        info_response = cls(
            name=name,
            version=version,
            limits=limits,
            workers=workers,
            api_key_required=api_key_required,
            python=python,
            platform=platform,
            numpy=numpy,
            scipy=scipy,
            blas=blas,
            blas_threads=blas_threads,
            compression=compression,
        )

        info_response.additional_properties = d
        return info_response

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
