"""The push reads the outbox one batch ahead, on a thread of its own: the next batch is read (and the
payloads the central side merges are parsed) while the current one is applied centrally, the slow part
of a push. Marking a batch sent stays on the pushing thread, right after its central commit, so a crash
leaves at most one batch sent but unmarked (sent again next time, harmless by change id)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from app.sync.central_apply import APPENDED
from app.sync.conflict_rule import OutgoingChange
from app.sync.control import LocalStore
from db.repos import outbox as outbox_repo


@dataclass(frozen=True, slots=True)
class QueuedChange:
    seq: int  # the outbox's own order
    change: OutgoingChange


class OutboxFeed:
    """Queued changes in batches, each read while the one before it is being sent."""

    def __init__(self, store: LocalStore, batch: int) -> None:
        self._store, self._batch = store, batch
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-outbox")
        self._ahead: Future[list[QueuedChange]] = self._reader.submit(self._read, 0)

    def _read(self, after: int) -> list[QueuedChange]:
        with self._store.transaction() as session:
            rows = outbox_repo.pending(session, self._batch, after=after)
        queued = [
            QueuedChange(row.seq, OutgoingChange(row.change_id, row.entity, row.entity_id, row.version,
                                                 row.payload))
            for row in rows
        ]  # fmt: skip
        for item in queued:
            if item.change.entity not in APPENDED:  # the server parses appended payloads itself
                item.change.payload  # noqa: B018  # parsed here, while the pushing thread waits
        return queued

    def next_batch(self) -> list[QueuedChange]:
        """The next batch after the last one handed out (empty when the queue is done)."""
        queued = self._ahead.result()
        if queued:
            self._ahead = self._reader.submit(self._read, queued[-1].seq)
        return queued

    def __enter__(self) -> OutboxFeed:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._ahead.cancel()
        self._reader.shutdown(wait=True)
