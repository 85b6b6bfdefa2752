"""What a sync round is given: a way to cancel it, a progress callback and the local store it works on."""

from __future__ import annotations

import threading
from collections.abc import Callable


class CancelToken:
    """Set from the GUI thread; the sync checks it between batches and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


Progress = Callable[[int, int], None]  # done, total (of the pull)


class LocalStore:
    """What the engine needs of app.store.OpenedStore."""

    def transaction(self):  # type: ignore[no-untyped-def]  # pragma: no cover - protocol
        raise NotImplementedError

    def replayable(self):  # type: ignore[no-untyped-def]  # pragma: no cover - protocol
        raise NotImplementedError
