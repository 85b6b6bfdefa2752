"""Sync wiring shared by the CLI and the GUI: the central engine from settings, one round on a store."""

from __future__ import annotations

from sqlalchemy import Engine

from app.config import Settings
from app.context import ServiceContext
from app.messages import Message
from app.sync.engine import CancelToken, Progress, SyncReport, sync_once
from app.sync.remote_history import RemoteHistory
from db.central_engine import create_central_engine

_engines: dict[str, Engine] = {}


def central_engine_for(url: str) -> Engine:
    """One pooled engine per URL for the life of the process."""
    if url not in _engines:
        _engines[url] = create_central_engine(url)
    return _engines[url]


def sync_round(
    store: object,
    ctx: ServiceContext,
    url: str,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    if not url:
        return SyncReport(error=Message("central_not_configured"))
    engine = central_engine_for(effective_url(store, url))  # the keyring is read here, off the GUI thread
    return sync_once(store, engine, ctx, cancel, progress=progress)  # type: ignore[arg-type]


def effective_url(store: object, url: str) -> str:
    """The configured URL with the password from the keyring (if the URL itself has none)."""
    if not url:
        return url
    from app.sync.credentials import url_with_password

    return url_with_password(store.keyring, url)  # type: ignore[attr-defined]


def sync_with_settings(settings: Settings) -> SyncReport:
    from app.store import build_context, open_store

    store = open_store(settings)
    try:
        return sync_round(store, build_context(store, settings), settings.central_url)
    finally:
        store.close()


def fetch_history(store: object, ctx: ServiceContext, url: str, term: str) -> RemoteHistory:
    """Network lane: another branch's records of the customer a full ID / mobile / card number belongs to."""
    from sqlalchemy.exc import OperationalError

    from app.errors import CentralUnavailable
    from app.sync.remote_history import fetch_customer_history

    if not url:
        raise CentralUnavailable()
    try:
        return fetch_customer_history(store, ctx, central_engine_for(effective_url(store, url)), term)
    except OperationalError:
        raise CentralUnavailable() from None
