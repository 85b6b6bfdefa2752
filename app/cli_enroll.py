"""branchdesk-admin commands that provision a workstation: `enroll` and `config set-site`."""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import Settings, load_settings
from app.errors import EnrolmentFileInvalid, WrongKey

ENROLMENT_FORMAT = "branchdesk-enrolment"
EXIT_NOT_SYNCED = 1


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What head-office IT hands a PC: the organisation key and the branch's database login."""

    organisation_key: bytes
    central_user: str | None
    central_password: str | None

    def __repr__(self) -> str:  # never show the secrets, even in a traceback
        return f"Enrolment(central_user={self.central_user!r})"


def read_enrolment_file(path: Path) -> Enrolment:
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EnrolmentFileInvalid(f"{path}: {exc.strerror or type(exc).__name__}") from None
    except ValueError:
        raise EnrolmentFileInvalid(f"{path}: not JSON") from None
    if not isinstance(document, dict) or document.get("format") != ENROLMENT_FORMAT:
        raise EnrolmentFileInvalid(f'{path}: "format" must be "{ENROLMENT_FORMAT}"')
    try:
        key = base64.b64decode(str(document.get("organisation_key", "")), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise EnrolmentFileInvalid(f'{path}: "organisation_key" must be 32 bytes in base64')
    user, password = document.get("central_user"), document.get("central_password")
    if not all(value is None or isinstance(value, str) for value in (user, password)):
        raise EnrolmentFileInvalid(f'{path}: "central_user" and "central_password" must be text')
    return Enrolment(key, user or None, password or None)


def _site_values(args: argparse.Namespace, enrolment: Enrolment) -> dict[str, str]:
    values = {
        "central_url": args.central_url,
        "branch": args.branch,
        "workstation": args.workstation,
        "language": args.language,
    }
    if args.central_url and enrolment.central_user:
        from sqlalchemy.engine import make_url

        url = make_url(args.central_url)
        if url.username is None:  # the login comes with the enrolment; the password goes to the keyring
            values["central_url"] = url.set(username=enrolment.central_user).render_as_string()
    return {name: value for name, value in values.items() if value}


def _check_store_accepts(settings: Settings, key: bytes) -> None:
    """A store already on this PC must have been sealed under the enrolled key: refuse before writing."""
    from app.crypto.fields import FieldCrypto
    from app.store import inspect_store

    facts = inspect_store(settings.data_paths.store)
    if facts.key_check is not None and not FieldCrypto(key).matches_key_check(facts.key_check):
        raise WrongKey()


def cmd_enroll(settings: Settings, args: argparse.Namespace) -> int:
    from app.crypto.keys import OrgKeyStore, choose_keyring
    from app.site_config import write_site_settings
    from app.sync.credentials import store_central_password

    enrolment = read_enrolment_file(Path(args.enrolment_file))
    choice = choose_keyring(settings.keyring_backend)
    _check_store_accepts(settings, enrolment.organisation_key)
    site_values = _site_values(args, enrolment)
    if site_values:  # validated before anything goes into the keyring
        target = write_site_settings(site_values)
        print(f"site config {target}: {', '.join(sorted(site_values))}")
    new_key = OrgKeyStore(choice).install(enrolment.organisation_key)
    print(f"organisation key {'stored in' if new_key else 'already in'} the keyring ({choice.name})")
    if enrolment.central_password:
        store_central_password(choice, enrolment.central_password)
        print("central database password stored in the keyring")
    settings = load_settings(args.overrides)  # what the app will now read, site config included
    if args.no_sync or not settings.central_url:
        print("not synced now: " + ("--no-sync" if args.no_sync else "no central_url configured"))
        return 0
    return _first_sync(settings)


def _first_sync(settings: Settings) -> int:
    """Push what is queued here, then pull the branch's data: a reinstalled PC gets its cases back."""
    from app.cli_common import language_for
    from app.sync.runner import sync_with_settings

    report = sync_with_settings(settings)
    if report.error is not None:
        print(f"enrolled, but not synced yet: {report.error.render(language_for(settings))}", file=sys.stderr)
        return EXIT_NOT_SYNCED
    print(f"synced: {report.pushed} pushed, {report.pulled} pulled from the central database")
    return 0


def cmd_config_set_site(settings: Settings, args: argparse.Namespace) -> int:
    from app.site_config import write_site_settings

    values: dict[str, str] = {}
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep:
            print(f"expected NAME=VALUE, got {assignment!r}", file=sys.stderr)
            return 2
        if value or not args.if_given:
            values[name.strip()] = value.strip()
    if not values:
        print("nothing to write")
        return 0
    target = write_site_settings(values)
    print(f"site config {target}: {', '.join(sorted(values))}")
    return 0


def add_provisioning_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    config_commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    enroll = commands.add_parser(
        "enroll",
        help="set this PC's central database, branch and workstation, store the organisation key and "
        "the database password from IT's enrolment file in the keyring, then sync "
        "(a reinstalled PC gets its data back)",
    )
    enroll.add_argument("--enrolment-file", required=True, help="JSON file from head-office IT")
    enroll.add_argument(
        "--central-url", help="postgresql://[user@]host:port/db?sslmode=verify-full&sslrootcert=..."
    )
    enroll.add_argument("--branch", help="branch code")
    enroll.add_argument("--workstation", help="workstation identity within the branch")
    enroll.add_argument("--language", choices=("auto", "zh_CN", "en"))
    enroll.add_argument(
        "--no-sync", action="store_true", help="do not sync now (e.g. the PC is still offline)"
    )
    enroll.set_defaults(handler=cmd_enroll)

    set_site = config_commands.add_parser(
        "set-site", help="write settings into the machine-wide site config (installers and IT scripts)"
    )
    set_site.add_argument("assignments", nargs="+", metavar="NAME=VALUE")
    set_site.add_argument(
        "--if-given",
        action="store_true",
        help="skip empty values (the MSI passes every property)",
    )
    set_site.set_defaults(handler=cmd_config_set_site)
