"""The push reads the outbox one batch ahead, on a thread of its own: the next batch is read, the
payloads the central side merges are parsed and the statements' parameters are built while the server
applies the current one, the slow part of a push. Marking a batch sent stays on the pushing thread,
right after its central commit, so a crash leaves at most one batch sent but unmarked (sent again next
time, harmless by change id)."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from app.sync.central_apply import PreparedBatch, prepare_batch
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
        self._after = 0  # the outbox seq of the last change handed out
        self._ahead: Future[tuple[list[QueuedChange], PreparedBatch]] | None = None

    def _read(self, after: int) -> tuple[list[QueuedChange], PreparedBatch]:
        with self._store.transaction() as session:
            rows = outbox_repo.pending(session, self._batch, after=after)
        queued = [
            QueuedChange(row.seq, OutgoingChange(row.change_id, row.entity, row.entity_id, row.version,
                                                 row.payload))
            for row in rows
        ]  # fmt: skip
        return queued, prepare_batch([item.change for item in queued])

    def read_ahead(self) -> None:
        """Start reading the next batch. The push calls it while it waits on the server's longest
        statement: the reader's work then takes the interpreter from nobody."""
        if self._ahead is None:
            self._ahead = self._reader.submit(self._read, self._after)

    def next_batch(self) -> tuple[list[QueuedChange], PreparedBatch]:
        """The next batch after the last one handed out (empty when the queue is done)."""
        self.read_ahead()
        assert self._ahead is not None
        queued, prepared = self._ahead.result()
        self._ahead = None
        if queued:
            self._after = queued[-1].seq
        return queued, prepared

    def __enter__(self) -> OutboxFeed:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._ahead is not None:
            self._ahead.cancel()
        self._reader.shutdown(wait=True)
