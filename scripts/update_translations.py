"""Extract the UI's translatable strings into the .ts catalogues and compile them to .qm.

Run after changing any tr() text: `python scripts/update_translations.py`. Then translate the
new (unfinished) entries in resources/translations/*.ts (Qt Linguist or an editor) and run it
again; `--check` fails when any entry is unfinished, for CI.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    """The pyside6 tool next to this interpreter (a venv), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 into this environment")
    return found


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"branchdesk_{language}.ts"


def unfinished(ts: Path) -> list[str]:
    """Source texts whose translation is missing or marked unfinished."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("obsolete", "vanished"):
            continue
        if translation is None or kind == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a translation is unfinished")
    args = parser.parse_args(argv)
    sources = sorted(str(path.relative_to(ROOT)) for path in SOURCES.rglob("*.py"))
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    status = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "relative",
                *sources,
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            cwd=ROOT,
            check=True,
        )
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} unfinished translation(s):")
            for source in missing:
                print(f"  {source!r}")
            status = 1 if args.check else status
    return status


if __name__ == "__main__":
    sys.exit(main())
