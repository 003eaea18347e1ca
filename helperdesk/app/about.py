"""What this installation is made of, checked by using each part once (``helperdesk about``).

For support ("which keyring does your computer use?") and for the start
check of installers and bundles: each native or data-carrying part is asked to
do one small real thing, so a part missing from a bundle shows up as a failed
line, not as a crash in front of a volunteer later. Nothing here touches a
store or personal data.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from helperdesk import __version__
from helperdesk.mail.pdftext import extract_pdf_text
from helperdesk.samples.pdfmake import text_to_pdf
from storage import secrets
from storage.connection import cipher_version


@dataclass(frozen=True)
class Part:
    name: str
    ok: bool
    detail: str


def _sqlcipher() -> str:
    return f"SQLCipher {cipher_version()}"


def _keyring() -> str:
    # keyring finds its backends, its own included, through entry points: a bundle
    # without keyring's metadata would know none.
    known = len(metadata.entry_points(group="keyring.backends"))
    if not known:
        raise LookupError("no keyring backends installed")
    status = secrets.status()
    usable = "usable" if status.usable else "not usable here"
    return f"{status.backend}, {usable} ({known} backends installed)"


def _babel() -> str:
    from babel.dates import format_date  # noqa: PLC0415 (a missing part is a failed line)

    return format_date(dt.date(2026, 12, 24), format="full", locale="de")


def _holidays() -> str:
    import holidays  # noqa: PLC0415

    days = holidays.country_holidays("DE", subdiv="SN", years=2026)
    if dt.date(2026, 11, 18) not in days:  # Buß- und Bettag, Sachsen only
        raise LookupError("holiday data incomplete")
    return f"holidays {metadata.version('holidays')}: {len(days)} public holidays in Sachsen 2026"


def _nh3() -> str:
    import nh3  # noqa: PLC0415

    cleaned = nh3.clean("<b>ok</b><script>alert(1)</script>")
    if cleaned != "<b>ok</b>":
        raise ValueError("HTML not sanitised")
    return "nh3: HTML sanitised"


def _pdfium() -> str:
    import pypdfium2.version as pdfium_version  # noqa: PLC0415

    text = extract_pdf_text(text_to_pdf("Aktenzeichen 123A456")).text
    if "123A456" not in text:
        raise ValueError("PDF text not read")
    return f"pypdfium2 {pdfium_version.PYPDFIUM_INFO}, PDFium {pdfium_version.PDFIUM_INFO}"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("sqlcipher", _sqlcipher),
    ("keyring", _keyring),
    ("babel", _babel),
    ("holidays", _holidays),
    ("nh3", _nh3),
    ("pdfium", _pdfium),
)


def parts() -> list[Part]:
    """Every part with its version or what went wrong (the error's type, never data)."""
    found = [Part("helperdesk", True, __version__),
             Part("python", True, f"{platform.python_version()} ({sys.platform})")]
    for name, check in CHECKS:
        try:
            found.append(Part(name, True, check()))
        except Exception as exc:
            found.append(Part(name, False, f"{type(exc).__name__}: {exc}"))
    return found
