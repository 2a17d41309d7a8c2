"""The differential tests need torch: they run in .venv-torch (`make test-slow`).

Without torch (the project's own .venv, `make test`) nothing here is collected.
"""

import importlib.util

collect_ignore_glob = [] if importlib.util.find_spec("torch") else ["*.py"]
