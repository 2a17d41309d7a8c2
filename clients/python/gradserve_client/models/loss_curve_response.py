from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loss_curve_response_kind import LossCurveResponseKind, check_loss_curve_response_kind

if TYPE_CHECKING:
    from ..models.loss_curve_response_params import LossCurveResponseParams
    from ..models.loss_curve_series import LossCurveSeries


T = TypeVar("T", bound="LossCurveResponse")


@_attrs_define
class LossCurveResponse:
    """
    Attributes:
        name (str): The canonical loss name.
        kind (LossCurveResponseKind): regression: y_pred = [x] against one target; binary: y_pred = [x] for each label
            (0/1, or -1/+1 for the margin losses); categorical: two classes, x the prediction for class 1 ([1 - x, x] for
            probabilities, [0, x] for logits).
        variable (str): What x is: y_pred, p, logit z, score, log p, ...
        params (LossCurveResponseParams): The parameters in force, defaults filled in.
        x (list[float]): linspace(start, stop, num).
        series (list[LossCurveSeries]): One curve per fixed target.
        warnings (list[str]): Warnings of the underlying evaluation, if any.
    """

    name: str
    kind: LossCurveResponseKind
    variable: str
    params: LossCurveResponseParams
    x: list[float]
    series: list[LossCurveSeries]
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str = self.kind

        variable = self.variable

        params = self.params.to_dict()

        x = self.x

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "variable": variable,
                "params": params,
                "x": x,
                "series": series,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.loss_curve_response_params import LossCurveResponseParams  # noqa: PLC0415
        from ..models.loss_curve_series import LossCurveSeries  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        kind = check_loss_curve_response_kind(d.pop("kind"))

        variable = d.pop("variable")

        params = LossCurveResponseParams.from_dict(d.pop("params"))

        x = cast(list[float], d.pop("x"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = LossCurveSeries.from_dict(series_item_data)

            series.append(series_item)

        warnings = cast(list[str], d.pop("warnings"))

        loss_curve_response = cls(
            name=name,
            kind=kind,
            variable=variable,
            params=params,
            x=x,
            series=series,
            warnings=warnings,
        )

        loss_curve_response.additional_properties = d
        return loss_curve_response

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
