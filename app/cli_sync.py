"""branchdesk-admin commands for the central database and sync (for IT and the DBA)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app.cli_common import language_for
from app.config import Settings
from app.messages import Message

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def cmd_central_init(settings: Settings, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from app.sync.central_admin import CentralSchemaNewer, init_central

    try:
        print(init_central(args.url or settings.central_url))
    except (ValueError, CentralSchemaNewer) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"central database unreachable: {type(exc.orig).__name__}", file=sys.stderr)
        return 1
    return 0


def cmd_central_grant_branch(settings: Settings, args: argparse.Namespace) -> int:
    import getpass

    from sqlalchemy.exc import DBAPIError

    from app.sync.central_admin import grant_branch

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.role}: ")
    try:
        print(grant_branch(args.url or settings.central_url, args.role, args.branch, password or None))
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DBAPIError as exc:
        print(f"central database refused: {type(exc.orig).__name__}", file=sys.stderr)
        return 1
    return 0


def cmd_central_set_password(settings: Settings, args: argparse.Namespace) -> int:
    from app.crypto.keys import choose_keyring
    from app.sync.credentials import store_central_password

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        print("no password given on standard input", file=sys.stderr)
        return 2
    store_central_password(choose_keyring(settings.keyring_backend), password)
    print("central database password stored in the keyring")
    return 0


@contextlib.contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """One transaction on the local store, opened for a command and closed after it."""
    from app.store import open_store

    store = open_store(settings)
    try:
        with store.transaction() as session:
            yield session
    finally:
        store.close()


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    from app.sync.engine import PULL_CURSOR
    from db.central_engine import safe_url
    from db.repos import meta as meta_repo
    from db.repos import outbox as outbox_repo

    with _session(settings) as session:
        pending = outbox_repo.pending_count(session)
        refused = outbox_repo.refused_count(session)
        last_sent = outbox_repo.last_sent_at(session)
        cursor = meta_repo.get(session, PULL_CURSOR) or "0"
    central = safe_url(settings.central_url) if settings.central_url else "(not configured)"
    print(f"store            {settings.data_paths.store}")
    print(f"branch           {settings.branch} / workstation {settings.workstation}")
    print(f"central database {central}")
    print(f"pending changes  {pending}")
    print(f"refused changes  {refused}")
    print(f"last push        {last_sent.isoformat(timespec='seconds') if last_sent else 'never'}")
    print(f"pull cursor      {cursor}")
    return 0


def _list_refused(settings: Settings) -> int:
    from db.repos import outbox as outbox_repo

    with _session(settings) as session:
        rows = outbox_repo.refused(session)
    for row in rows:  # ids and error classes only: no personal data
        when = f"{row.refused_at:%Y-%m-%d %H:%M}"
        print(f"{row.seq:>8}  {row.entity:<16} {row.entity_id:<36}  {when}  {row.last_error}")
    print(f"{len(rows)} refused")
    return 0


def _requeue_refused(settings: Settings) -> int:
    from db.repos import outbox as outbox_repo

    with _session(settings) as session:
        return outbox_repo.requeue_refused(session)


def cmd_sync(settings: Settings, args: argparse.Namespace) -> int:
    """Exit 0 when everything went through, 1 when the round failed, 3 when changes were refused
    (2 is the CLI's own refusal: bad settings, missing key)."""
    from app.sync.runner import sync_with_settings

    if args.refused:
        return _list_refused(settings)
    if args.requeue_refused:
        print(f"requeued {_requeue_refused(settings)}")
    report = sync_with_settings(settings)
    language = language_for(settings)
    print(
        f"pushed {report.pushed} (duplicates {report.duplicates}, conflicts {report.conflicts}), "
        f"pulled {report.pulled}, pending {report.pending}, refused {report.refused}"
    )
    if report.error is not None:
        print(report.error.render(language), file=sys.stderr)
        return 1
    if report.refused:
        print(Message("central_refused_changes", {"count": report.refused}).render(language), file=sys.stderr)
        return 3
    return 0
