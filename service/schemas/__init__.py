"""Pydantic request/response envelopes per family. Tensor fields are validated by
service.wire (NumPy), not element by element by pydantic."""
