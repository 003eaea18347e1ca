"""Compile every gettext catalog: ``python -m i18n.build [DEST]``.

Each ``i18n/locale/<lang>/LC_MESSAGES/<domain>.po`` becomes the ``.mo`` beside
it (or under ``DEST`` with the same layout), whatever the domain. Run at
install, build and test time; compiled files are never committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# Its own folder, not ``from i18n import``: the wheel build loads this file by
# path, where the package is not importable yet.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_all(dest: Path | None = None, source: Path = LOCALE_DIR) -> list[Path]:
    """Compile all ``.po`` under ``source``; only those newer than their ``.mo``. Returns all."""
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = (dest / po.relative_to(source) if dest else po).with_suffix(".mo")
        written.append(mo)
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name, domain=po.stem)
        mo.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo)
    return written


def compile_catalogs(source: Path, dest: Path) -> list[Path]:
    """For the wheel build (setup.py): every catalog under ``source`` into ``dest``."""
    return compile_all(dest, source)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    written = compile_all(Path(args[0]) if args else None)
    print(f"{len(written)} catalogs compiled.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
