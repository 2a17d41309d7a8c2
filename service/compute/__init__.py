"""Pure NumPy compute layer: no FastAPI, no pydantic, no web code."""
