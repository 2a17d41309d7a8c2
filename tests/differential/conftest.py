"""The differential tests need torch: they run in .venv-torch (`make test-slow`)."""

import pytest

pytest.importorskip("torch")
