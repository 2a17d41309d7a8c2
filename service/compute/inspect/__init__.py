"""Gradient inspection: finite-difference checks, verification of client implementations,
gradient-tensor statistics and gradient flow through a random MLP."""
