"""The edge: tensor decode/encode in the four wire forms and strict, fast JSON."""

from service.wire.json import ProblemResponse, StrictJSONResponse, render
from service.wire.tensors import (
    Budget,
    Decoded,
    Encoder,
    TensorForm,
    decode_tensor,
    decode_tree,
    encoder_for,
)

__all__ = [
    "Budget",
    "Decoded",
    "Encoder",
    "ProblemResponse",
    "StrictJSONResponse",
    "TensorForm",
    "decode_tensor",
    "decode_tree",
    "encoder_for",
    "render",
]
