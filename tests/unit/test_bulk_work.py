"""The collector pause of bulk work: shared by nested and concurrent jobs, never left paused, and never
switching on a collector that someone else had switched off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from app.bulk_work import collector_paused


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_runs_again_when_the_last_of_nested_jobs_ends() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer job still runs
    assert gc.isenabled()


def test_a_job_that_fails_still_lets_the_collector_run_again() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the pull failed half-way")
    assert gc.isenabled()


def test_concurrent_jobs_share_one_pause() -> None:
    gc.enable()
    started, release = threading.Event(), threading.Event()

    def other_job() -> None:
        with collector_paused():
            started.set()
            release.wait(10)

    worker = threading.Thread(target=other_job)
    worker.start()
    assert started.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other job still runs
    release.set()
    worker.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
