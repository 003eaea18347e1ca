"""The printed summary as PDF: fonts embedded, text readable back in every language, the CLI.

Checked with poppler's own tools (``pdffonts``, ``pdftotext``), not with the
library that wrote the file. Right-to-left text reads back in logical order
once NFKC-normalised and stripped of bidi controls (see ``summary_support``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from summary_support import (
    LANGS,
    SCRIPTS,
    compile_catalogs,
    normalise,
    poppler,
    squeezed,
    words,
)

from helperdesk.app.demo import fill_demo_store
from helperdesk.app.summary import (
    SummaryOptions,
    SummaryUnavailable,
    household_summary,
    summary_pdf,
)
from helperdesk.cli import main
from helperdesk.summaries import Summary
from storage.store import Store
from ui.printing import render_pdf

from conftest import PASSPHRASE

TODAY = dt.date.today()  # the demo tells its story relative to today


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    compile_catalogs()
    path = tmp_path_factory.mktemp("summary") / "demo.db"
    store = Store.create(path, PASSPHRASE)
    try:
        fill_demo_store(store, TODAY)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def store(demo: Path) -> Iterator[Store]:
    s = Store.open(demo, PASSPHRASE)
    try:
        yield s
    finally:
        s.close()


def _lines(s: Summary) -> list[tuple[str, str]]:
    found = [s.title, *s.intro]
    for sec in s.sections:
        found.append(sec.title)
        found.extend(line for b in sec.blocks for line in b.lines)
    return [(line.local, line.german) for line in found]


def _check_pdf(pdf: bytes, content: Summary, must: list[str]) -> str:
    assert pdf.startswith(b"%PDF-")
    fonts = poppler("pdffonts", "-", data=pdf).splitlines()[2:]
    assert fonts, "the text is drawn with fonts"
    for row in fonts:
        assert re.search(r"\byes\s+(?:yes|no)\s+yes\b", row), f"not embedded: {row}"
        assert "Noto" in row, row
    text = poppler("pdftotext", "-", "-", data=pdf)
    flat, seen = squeezed(text), words(text)
    for item in must:
        assert squeezed(item) in flat, item
    for local, german in _lines(content):
        # Every word of the household's sentence is there, and the German sentence whole.
        assert words(local) <= seen, (local, words(local) - seen)
        assert squeezed(german) in flat, german
    script = SCRIPTS[content.language]
    assert re.search(script, text.lower()), f"no {content.language} script in the PDF"
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_reads_back(store: Store, qtbot: QtBot, lang: str) -> None:
    content = household_summary(store, "Familie Haddad", SummaryOptions(language=lang))
    pdf = render_pdf(content, False)
    _check_pdf(pdf, content, ["83501BG0047112", "BG-Nummer", "Jobcenter München",
                              "Anna Sommer", "+49 89 0000 1234"])
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", "-", data=pdf)).group(1))  # type: ignore[union-attr]
    assert pages == 1, "the demo household fits on one A4 page"


@pytest.mark.parametrize(("household", "must"), [
    ("Olena Kovalenko", ["515FK204711", "KVR-II/21-4711", "Familienkasse Bayern Süd",
                         "Ausländerbehörde München"]),
    ("Familie Rahimi", ["56/3-WG-2291/25", "Wohngeldstelle Köln"]),
    ("Familie Wagner", ["W123456786", "AOK Sachsen", "Krankenversichertennummer"]),
])
def test_each_household_in_its_own_language(
    store: Store, qtbot: QtBot, household: str, must: list[str]
) -> None:
    pdf = summary_pdf(store, household, render_pdf)
    content = household_summary(store, household)
    _check_pdf(pdf, content, must)


def test_large_print_is_larger(store: Store, qtbot: QtBot) -> None:
    content = household_summary(store, "Familie Rahimi")
    heights = []
    for large in (False, True):
        bbox = poppler("pdftotext", "-bbox", "-", "-", data=render_pdf(content, large))
        boxes = [(float(a), float(b)) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" '
                                                              r'yMax="([\d.]+)"', bbox)]
        heights.append(sorted(b - a for a, b in boxes)[len(boxes) // 2])
    assert heights[1] > heights[0] * 1.4


def test_untranslated_catalogs_are_refused(store: Store, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    import i18n

    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translation.cache_clear()
    try:
        with pytest.raises(SummaryUnavailable, match=r"python -m i18n\.build"):
            household_summary(store, "Familie Haddad")
    finally:
        monkeypatch.undo()
        i18n.translation.cache_clear()


# -- command line -------------------------------------------------------------------------


@pytest.fixture
def cli(demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HELPERDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HELPERDESK_STORE", str(demo))
    return demo


def test_cli_writes_the_pdf_only_where_asked(
    cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], qtbot: QtBot,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.chdir(work)
    out = work / "haddad.pdf"
    assert main(["summary", "Familie Haddad", "--language", "uk", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "haddad.pdf" in capsys.readouterr().out
    assert list(private_tmp.iterdir()) == [], "no temporary files"
    # Without --out: a default name in the current folder, never overwritten.
    assert main(["summary", "Familie Haddad", "--large"]) == 0
    made = [p.name for p in work.iterdir() if p.name != "haddad.pdf"]
    assert made == [f"summary-Familie-Haddad-{TODAY.isoformat()}.pdf"]
    capsys.readouterr()
    assert main(["summary", "Familie Haddad"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_cli_json(cli: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "Olena Kovalenko", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["language"] == "uk" and doc["pdf"] is None
    headings = [b["heading"] for b in doc["sections"][0]["blocks"]]
    assert "Familienkasse Bayern Süd – Kindergeld" in headings
    ids = [i for b in doc["sections"][0]["blocks"] for i in b["ids"]]
    assert "Kindergeldnummer 515FK204711" in ids
    # --since after every letter and deadline: nothing open in that window.
    assert main(["summary", "Olena Kovalenko", "--json", "--since",
                 (TODAY + dt.timedelta(days=400)).isoformat()]) == 0
    doc = json.loads(capsys.readouterr().out)
    lines = [line["german"] for b in doc["sections"][0]["blocks"] for line in b["lines"]]
    assert lines == ["Es gibt keine offenen Angelegenheiten."]


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["summary", "Niemand"], 1, "No household named"),
    (["summary", "Familie Haddad", "--out", "x.txt"], 1, "must end in .pdf"),
    (["summary", "Familie Haddad", "--language", "xx"], 2, "unsupported language"),
    (["summary", "Familie Haddad", "--since", "03.12.2026"], 2, "YYYY-MM-DD"),
])
def test_cli_errors(cli: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int,
                    message: str) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    else:
        assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 if code == 1 else message in err


def test_fonts_come_from_the_package_not_the_system(demo: Path, tmp_path: Path) -> None:
    """With fontconfig seeing no fonts at all, the page still has its Noto fonts embedded."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig><cachedir>'
                    f"{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    out = tmp_path / "rahimi.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
           "HELPERDESK_PASSPHRASE": PASSPHRASE, "HELPERDESK_STORE": str(demo)}
    proc = subprocess.run([sys.executable, "-m", "helperdesk", "summary", "Familie Rahimi",
                           "--out", str(out)], env=env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    fonts = poppler("pdffonts", str(out))
    assert "NotoSans-Regular" in fonts and "NotoSansArabic-Regular" in fonts
    text = poppler("pdftotext", str(out), "-")
    assert squeezed("56/3-WG-2291/25") in squeezed(text)
    assert "اداره" in normalise(text)
