"""Settings: the defaults that depend on the machine and on other settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.config import Settings, default_blas_threads, default_concurrency


@pytest.mark.parametrize(
    ("cpus", "workers", "concurrency", "threads"),
    [(2, 1, 2, 1), (2, 1, 1, 2), (2, 2, 1, 1), (8, 1, 2, 4), (8, 2, 2, 2), (8, 4, 8, 1)],
)
def test_blas_threads_share_the_cores_among_the_requests_computing_at_once(
    monkeypatch: pytest.MonkeyPatch, cpus: int, workers: int, concurrency: int, threads: int
) -> None:
    monkeypatch.setattr("service.config.default_concurrency", lambda: cpus)
    assert default_blas_threads(workers, concurrency) == threads
    settings = Settings(workers=workers, max_concurrency=concurrency)
    assert settings.blas_threads == threads


def test_blas_threads_setting_wins_and_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADSERVE_BLAS_THREADS", "3")
    assert Settings().blas_threads == 3
    monkeypatch.setenv("GRADSERVE_BLAS_THREADS", "0")
    with pytest.raises(ValidationError, match="blas_threads"):
        Settings()


def test_blas_threads_default_follows_the_process_cpus() -> None:
    s = Settings()
    assert s.blas_threads == max(1, default_concurrency() // (s.workers * s.max_concurrency))


def test_a_bad_workers_value_is_reported_not_a_key_error() -> None:
    with pytest.raises(ValidationError, match="workers"):
        Settings(workers=0)
