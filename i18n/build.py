"""Catalog toolchain: extract the template, update the catalogs, compile ``.mo`` files.

``python -m i18n.build [DEST]`` compiles every
``i18n/locale/<lang>/LC_MESSAGES/<domain>.po`` (all domains: ``helperdesk``
and ``summaries``) to its ``.mo`` beside it, or under ``DEST`` with the same
layout (run by packaging/test.sh, packaging/run-demo.sh and the wheel build;
compiled files are never committed). ``--extract`` regenerates
``i18n/helperdesk.pot`` with Babel from the project's Python code (the
``summaries`` domain under ``helperdesk/summaries/`` has its own catalogs and is
left out), ``--update`` merges it into the seven ``helperdesk.po`` files and
``--stats`` prints how much of each catalog is translated. This module uses
only Babel and the standard library, so ``setup.py`` can run it before the
project is installed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOCALE_DIR = HERE / "locale"
TEMPLATE = HERE / "helperdesk.pot"
MAPPING = HERE / "babel.cfg"
DOMAIN = "helperdesk"
LANGUAGES = ("de", "en", "ar", "fa", "tr", "uk", "ru")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
SOURCE_DIRS = ("helperdesk", "storage", "sync", "ui", "i18n")
# Folders (relative to the project) whose strings belong to another domain.
OTHER_DOMAINS = ("helperdesk/summaries/",)


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every ``.po`` catalog (all domains), sorted."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir: Path = LOCALE_DIR, out_dir: Path | None = None, *,
                     only_changed: bool = False) -> list[Path]:
    """Compile each ``.po`` under ``locale_dir`` to a ``.mo`` beside it (or under ``out_dir``).

    With ``only_changed``, a ``.mo`` newer than its ``.po`` is kept as it is.
    Each file is written to a temporary name first and then renamed, so a
    reader never sees half a catalog. Returns every ``.mo`` path.
    """

    written: list[Path] = []
    for po in po_files(locale_dir):
        target = (out_dir / po.relative_to(locale_dir)) if out_dir else po
        target = target.with_suffix(".mo")
        written.append(target)
        if only_changed and target.exists() and target.stat().st_mtime >= po.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parts[-3], domain=po.stem)
        tmp = target.with_suffix(".mo.tmp")
        with tmp.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        tmp.replace(target)
    return written


def compile_all(dest: Path | None = None, source: Path = LOCALE_DIR) -> list[Path]:
    """Compile all ``.po`` under ``source`` whose ``.mo`` is missing or older. Returns all."""
    return compile_catalogs(source, dest, only_changed=True)


def extract(template: Path = TEMPLATE) -> int:
    """Write the ``.pot`` template from the project's code; the number of messages."""

    catalog = Catalog(project="HelperDesk", msgid_bugs_address="", charset="utf-8")
    for top in SOURCE_DIRS:
        method_map = [("**.py", "python")]
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / top, method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        ):
            if top == "i18n" and filename.startswith("build"):
                continue
            where = f"{top}/{filename}".replace("\\", "/")
            if where.startswith(OTHER_DOMAINS):
                continue
            catalog.add(message, None, [(where, lineno)],
                        auto_comments=comments, context=context)
    with template.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=True)
    return len(catalog)


def update(languages: Iterable[str] = LANGUAGES, template: Path = TEMPLATE) -> None:
    """Merge the template into each language's catalog (new ones are created)."""

    with template.open("rb") as fh:
        pot = read_po(fh)
    for lang in languages:
        po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_path.exists():
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            po_path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=DOMAIN, project="HelperDesk")
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po_path.open("wb") as out:
            write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True)


def statistics(po: Path) -> tuple[int, int]:
    """(translated, total) messages of one catalog; fuzzy ones count as untranslated."""

    with po.open("rb") as fh:
        catalog = read_po(fh)
    messages = [m for m in catalog if m.id]
    done = [m for m in messages if not m.fuzzy and (
        all(m.string) if isinstance(m.string, tuple) else bool(m.string))]
    return len(done), len(messages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m i18n.build", description=__doc__)
    parser.add_argument("dest", nargs="?", type=Path,
                        help="compile into this folder instead of beside each .po")
    parser.add_argument("--extract", action="store_true", help="regenerate the .pot template")
    parser.add_argument("--update", action="store_true", help="merge the template into the .po")
    parser.add_argument("--stats", action="store_true", help="print translation statistics")
    args = parser.parse_args(argv)
    if args.extract:
        print(f"{TEMPLATE.name}: {extract()} messages")
    if args.update:
        update()
    if args.stats:
        for po in po_files():
            done, total = statistics(po)
            print(f"{po.parts[-3]} {po.stem}: {done}/{total} ({100 * done / max(total, 1):.1f} %)")
    if not (args.extract or args.update or args.stats):
        print(f"compiled {len(compile_catalogs(LOCALE_DIR, args.dest))} catalogs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
