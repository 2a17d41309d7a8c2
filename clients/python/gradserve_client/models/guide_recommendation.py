from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.guide_recommendation_loss_params import GuideRecommendationLossParams


T = TypeVar("T", bound="GuideRecommendation")


@_attrs_define
class GuideRecommendation:
    """
    Attributes:
        output_activation (str): Activation of the output layer.
        loss (str): Loss name (a catalog entry).
        loss_params (GuideRecommendationLossParams): Loss parameters worth setting.
        label_encoding (str): How y_true is encoded.
        output_width (str): Number of output units.
        reason (str): Why this combination.
    """

    output_activation: str
    loss: str
    loss_params: GuideRecommendationLossParams
    label_encoding: str
    output_width: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        output_activation = self.output_activation

        loss = self.loss

        loss_params = self.loss_params.to_dict()

        label_encoding = self.label_encoding

        output_width = self.output_width

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "output_activation": output_activation,
                "loss": loss,
                "loss_params": loss_params,
                "label_encoding": label_encoding,
                "output_width": output_width,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guide_recommendation_loss_params import GuideRecommendationLossParams  # noqa: PLC0415

        d = dict(src_dict)
        output_activation = d.pop("output_activation")

        loss = d.pop("loss")

        loss_params = GuideRecommendationLossParams.from_dict(d.pop("loss_params"))

        label_encoding = d.pop("label_encoding")

        output_width = d.pop("output_width")

        reason = d.pop("reason")

        guide_recommendation = cls(
            output_activation=output_activation,
            loss=loss,
            loss_params=loss_params,
            label_encoding=label_encoding,
            output_width=output_width,
            reason=reason,
        )

        guide_recommendation.additional_properties = d
        return guide_recommendation

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
