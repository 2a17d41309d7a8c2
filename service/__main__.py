"""``python -m service`` / ``gradserve``: run uvicorn with host, port, workers from settings."""

from __future__ import annotations

import uvicorn

from service.config import get_settings


def main() -> None:
    settings = get_settings()
    uvicorn.run(
        "service.main:app",
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        proxy_headers=True,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
