"""The measurement behind the choice of PDF engine for summaries: Qt against fpdf2 + HarfBuzz.

Run by hand (needs poppler-utils, and uharfbuzz for fpdf2's shaping: ``pip install uharfbuzz``)::

    QT_QPA_PLATFORM=offscreen python benchmarks/summary_engines.py

The same Arabic content (the 20-case household of ``summary_bench``) is laid
out by Qt (``ui.printing.render_pdf``) and by a minimal fpdf2 renderer with
HarfBuzz shaping (``set_text_shaping``, fallback fonts, ``multi_cell``); for
each engine and for the two Arabic fonts it prints the time, the size, the
embedded fonts and how many Arabic words of the page ``pdftotext`` gives back
(after NFKC, without bidi controls and vowel marks), and whether the PDF is
tagged. WeasyPrint (tagged PDF/UA-1) is measured too when it is installed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from summary_bench import fill

from helperdesk.app.summary import SummaryOptions, household_summary
from helperdesk.summaries import FONT_DIR, Summary
from storage.store import Store

NASKH = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")


def _lines(s: Summary) -> list[tuple[str, str]]:
    out = [s.title, *s.intro]
    for sec in s.sections:
        out.append(sec.title)
        out.extend(line for b in sec.blocks for line in b.lines)
    return [(line.local, line.german) for line in out]


def fpdf_render(s: Summary, arabic_font: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("sans", "", str(FONT_DIR / "NotoSans-Regular.ttf"))
    pdf.add_font("arabic", "", str(arabic_font))
    pdf.add_page()
    for local, german in _lines(s):
        pdf.set_font("arabic", size=10)
        pdf.set_fallback_fonts(["sans"])
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab",
                             language="ara")
        pdf.multi_cell(0, 5, local, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("sans", size=9)
        pdf.set_fallback_fonts([])
        pdf.set_text_shaping(False)
        pdf.multi_cell(0, 5, german, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def weasy_render(s: Summary) -> bytes:
    """WeasyPrint (not a dependency: ``pip install weasyprint`` to compare), tagged PDF/UA-1."""
    from weasyprint import CSS, HTML

    from helperdesk.summaries import summary_html

    faces = "".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight};"
        f" src: url('{(FONT_DIR / file).as_uri()}'); }}"
        for family, weight, file in (
            ("Noto Sans", "normal", "NotoSans-Regular.ttf"),
            ("Noto Sans", "bold", "NotoSans-Bold.ttf"),
            ("Noto Sans Arabic", "normal", "NotoSansArabic-Regular.ttf"),
            ("Noto Sans Arabic", "bold", "NotoSansArabic-Bold.ttf")))
    css = CSS(string=faces + "@page { size: A4; margin: 12mm 15mm; }"
              " body { font-family: 'Noto Sans', 'Noto Sans Arabic'; font-size: 10pt; }")
    html = summary_html(s).replace("<body>", "<head><title>Summary</title></head><body>", 1)
    return bytes(HTML(string=html).write_pdf(stylesheets=[css], pdf_variant="pdf/ua-1"))


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u202a-\u202e\u200c\u200d]", "", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return set(re.findall(r"[\u0621-\u064a]+", text))


def report(name: str, render: Callable[[], bytes], s: Summary) -> None:
    render()  # warm: fonts parsed, caches filled
    t0 = time.perf_counter()
    pdf = render()
    took = time.perf_counter() - t0
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True,
                           check=True).stdout.decode().splitlines()[2:]
    wanted = set().union(*(_words(local) for local, _ in _lines(s)))
    found = _words(text) & wanted
    embedded = all(" yes " in row for row in fonts)
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    tagged = re.search(r"Tagged:\s+yes", info) is not None
    print(f"{name:34s} {took:6.3f} s  {len(pdf) // 1024:4d} KiB  fonts embedded: {embedded}  "
          f"tagged: {tagged}  Arabic words read back: {len(found)}/{len(wanted)}")


def main() -> None:
    from PySide6.QtGui import QFontDatabase

    from ui.printing import load_fonts, offscreen_application, render_pdf

    offscreen_application()
    load_fonts()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "bench.db", secrets.token_urlsafe(16))
        try:
            name = fill(store, dt.date.today())
            s = household_summary(store, name, SummaryOptions(language="ar"))
        finally:
            store.close()
    print(f"{len(_lines(s))} sentence pairs, Arabic, 20 cases")
    report("Qt, Noto Sans Arabic (shipped)", lambda: render_pdf(s, False), s)
    report("fpdf2+HarfBuzz, Noto Sans Arabic", lambda: fpdf_render(
        s, FONT_DIR / "NotoSansArabic-Regular.ttf"), s)
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        print("WeasyPrint: not installed (pip install weasyprint to compare)")
    else:
        report("WeasyPrint, PDF/UA-1", lambda: weasy_render(s), s)
    if NASKH.exists():
        report("fpdf2+HarfBuzz, Noto Naskh Arabic", lambda: fpdf_render(s, NASKH), s)
        QFontDatabase.addApplicationFontFromData(NASKH.read_bytes())
        from ui.printing import summary_pdf

        summary_pdf.FONT_FAMILIES = ("Noto Sans", "Noto Naskh Arabic")  # type: ignore[misc]
        report("Qt, Noto Naskh Arabic", lambda: render_pdf(s, False), s)


if __name__ == "__main__":
    main()
