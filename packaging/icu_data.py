"""A smaller libicudata for the Linux bundle: the ICU data Qt can reach, for the app's languages.

PySide6's Linux Qt is linked against ICU 73, whose data library (31 MB) carries every locale, converter
and service. Qt Core calls ICU for five things only (`readelf --dyn-syms libQt6Core.so.6`): case mapping,
collation (QCollator), time-zone IDs and display names (QTimeZone), and codecs (QStringConverter). This
keeps the data for those, for Chinese, English and the root locale, and builds a drop-in
`libicudata.so.73` from it with `icupkg` (icu-devtools) and binutils; it exports the same one symbol.

    python packaging/icu_data.py <libicudata.so.N> <work dir>    # prints the trimmed library's path
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# ICU services no Qt function the app can reach calls: break iteration (Qt has its own), transliteration,
# number spell-out, units, currency and language display names.
UNUSED_TREES = frozenset({"brkitr", "translit", "rbnf", "unit", "curr", "lang"})
UNUSED_ITEMS = frozenset({"unames.icu"})  # Unicode character names (u_charName)
# Locale data stays for the interface languages and the root every other locale falls back to.
KEPT_LOCALE = re.compile(r"^(root|en|zh)(_[A-Za-z0-9]+)*\.res$")
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
STRUCTURAL = frozenset({"res_index.res", "pool.res"})
# Multi-byte codecs kept: the Chinese ones (GB18030, GBK, GB2312, Big5, Big5-HKSCS). Single-byte tables
# are a few KiB each and all stay; the large Japanese, Korean and EBCDIC host tables go.
KEPT_MULTIBYTE = frozenset(
    {
        "gb18030",
        "ibm-1386_P100-2001",
        "windows-936-2000",
        "ibm-1383_P110-1999",
        "ibm-950_P110-1999",
        "windows-950-2000",
        "ibm-1373_P100-2002",
        "ibm-1375_P100-2008",
        "ibm-5471_P100-2006",
    }
)
SINGLE_BYTE_MAX = 16 * 1024
MISSING = re.compile(r"Item (\S+) depends on missing item (\S+)")


def unused(item: str, size: int) -> bool:
    tree, _, name = item.rpartition("/")
    if tree in UNUSED_TREES or item in UNUSED_ITEMS:
        return True
    if name.endswith(".cnv"):
        return size > SINGLE_BYTE_MAX and name.removesuffix(".cnv") not in KEPT_MULTIBYTE
    return bool(LOCALE_ITEM.match(name)) and name not in STRUCTURAL and not KEPT_LOCALE.match(name)


def _symbol(library: Path) -> tuple[str, int, int]:
    """Name, file offset and size of the one data symbol (icudtNN_dat) the library exports."""
    symbols = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+(icudt\d+_dat)", symbols
    )
    if found is None:
        raise SystemExit(f"{library}: no icudtNN_dat symbol")
    address, size, section, name = int(found[1], 16), int(found[2], 0), int(found[3]), found[4]
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if row is None:
        raise SystemExit(f"{library}: section {section} not found")
    return name, address - int(row[1], 16) + int(row[2], 16), size


def trimmed_icudata(library: Path, work: Path) -> Path:
    """Builds `work/<library name>` with only the ICU data items Qt can use; returns its path."""
    work.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _symbol(library)
    package = work / f"{symbol.removesuffix('_dat')}l.dat"  # "l": little-endian, ASCII, as icupkg names it
    with library.open("rb") as source:
        source.seek(offset)
        package.write_bytes(source.read(size))
    listing = subprocess.run(["icupkg", "-l", str(package)], capture_output=True, text=True, check=True)
    items = listing.stdout.split()
    extracted = work / "items"
    extracted.mkdir(exist_ok=True)
    subprocess.run(["icupkg", "-x", "*", "-d", str(extracted), str(package)], check=True, capture_output=True)
    dropped = {item for item in items if unused(item, (extracted / item).stat().st_size)}
    # icupkg names the items after the output file: it must be called like the original package.
    trimmed = work / "trimmed" / package.name
    trimmed.parent.mkdir(exist_ok=True)
    while True:  # an item extending a dropped one (a locale variant, a codec delta table) goes with it
        (work / "dropped.txt").write_text("".join(f"{item}\n" for item in sorted(dropped)), encoding="utf-8")
        trimmed.unlink(missing_ok=True)
        finished = subprocess.run(
            ["icupkg", "-tl", "-r", str(work / "dropped.txt"), str(package), str(trimmed)],
            capture_output=True,
            text=True,
            check=False,
        )
        dependents = {match[1] for match in MISSING.finditer(finished.stdout + finished.stderr)}
        if finished.returncode == 0 and trimmed.is_file() and not dependents:
            break
        if not dependents - dropped:
            raise SystemExit(f"icupkg failed: {finished.stdout}{finished.stderr}")
        dropped |= dependents
    assembly = work / "icudata.s"
    assembly.write_text(
        f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
        f'.incbin "{trimmed}"\n.size {symbol}, . - {symbol}\n.section .note.GNU-stack,"",@progbits\n',
        encoding="utf-8",
    )
    output = work / library.name
    subprocess.run(["as", "-o", str(work / "icudata.o"), str(assembly)], check=True)
    subprocess.run(
        ["ld", "-shared", "-soname", library.name, "-o", str(output), str(work / "icudata.o")], check=True
    )
    return output


if __name__ == "__main__":
    print(trimmed_icudata(Path(sys.argv[1]), Path(sys.argv[2])))
