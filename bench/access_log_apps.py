"""Apps for bench_access_log.py: the service without the request-id/access-log middleware
(as before issue 14), with it and the log off, and with the JSON log written to a file."""

from __future__ import annotations

import logging
import os
import tempfile

from service.config import Settings
from service.main import create_app
from service.middleware import RequestIdMiddleware

without = create_app(Settings(access_log="off"))
without.user_middleware = [m for m in without.user_middleware if m.cls is not RequestIdMiddleware]

off = create_app(Settings(access_log="off"))

json_log = create_app(Settings(access_log="json"))
_path = os.environ.get("BENCH_ACCESS_LOG") or os.path.join(tempfile.gettempdir(), "access.log")
_handler = logging.FileHandler(_path, mode="w")
_handler.setFormatter(logging.Formatter("%(message)s"))
_logger = logging.getLogger("gradserve.access")
_logger.addHandler(_handler)
_logger.setLevel(logging.INFO)
_logger.propagate = False
