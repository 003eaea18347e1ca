"""Safe names for attachments: what is shown and offered for saving, never the raw name.

The stored bytes and the name as received stay untouched; ``safe_filename``
gives the base name to show or save under: no path (``../../etc/passwd``
becomes ``passwd``), no control, format or bidi-override characters (U+202E
makes ``rechnung\u202efdp.exe`` look like ``rechnungexe.pdf``), no NUL, no
characters Windows forbids, no reserved device names (``CON``, ``LPT1`` …),
at most ``MAX_CHARS`` characters with the extension kept. ``mismatch`` says
when the extension disagrees with the declared content type or names a
program, so the app can warn before a helper opens it.
"""

from __future__ import annotations

import unicodedata

MAX_CHARS = 120
_FORBIDDEN = set('<>:"/\\|?*')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
# Extensions that run code when opened on common systems.
PROGRAM_EXTENSIONS = frozenset({
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "js", "jse", "vbs", "vbe", "wsf",
    "wsh", "ps1", "psm1", "jar", "lnk", "hta", "cpl", "reg", "app", "sh", "desktop", "dll",
    "iso", "img", "vhd", "appimage", "run", "apk", "dmg", "pkg", "command",
})
_EXPECTED = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg", "jpe", "jfif"},
    "image/png": {"png"},
    "image/gif": {"gif"},
    "image/tiff": {"tif", "tiff"},
    "image/heic": {"heic", "heif"},
    "text/plain": {"txt", "text", "asc", "log", "csv"},
    "text/html": {"html", "htm"},
    "text/calendar": {"ics", "ical"},
    "message/rfc822": {"eml", "msg"},
    "application/zip": {"zip"},
    "application/msword": {"doc", "dot"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
}


def _visible(char: str) -> bool:
    # Cc: controls (NUL, newlines …); Cf: format characters, among them the bidi
    # overrides and isolates and zero-width ones; Co/Cn: private and unassigned.
    return unicodedata.category(char) not in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp") \
        and char not in _FORBIDDEN


def safe_filename(name: str, fallback: str = "attachment") -> str:
    """A base name that is safe to show and to save under on Windows, macOS and Linux."""
    name = unicodedata.normalize("NFC", name or "")
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c if _visible(c) else ("_" if c in _FORBIDDEN else "") for c in base)
    cleaned = " ".join(cleaned.split()).strip(" .")
    if not cleaned:
        cleaned = fallback
    stem, dot, ext = cleaned.rpartition(".")
    if not dot:
        stem, ext = cleaned, ""
    if stem.split(".")[0].lower() in _RESERVED:
        stem = "_" + stem
    ext = ext[:16]
    keep = MAX_CHARS - (len(ext) + 1 if ext else 0)
    stem = stem[:keep].rstrip(" .") or fallback
    return f"{stem}.{ext}" if ext else stem


def extension(name: str) -> str:
    base = safe_filename(name)
    return base.rpartition(".")[2].lower() if "." in base else ""


def mismatch(name: str, mime_type: str) -> bool:
    """Whether the extension names a program or disagrees with the declared content type."""
    ext = extension(name)
    if ext in PROGRAM_EXTENSIONS:
        return True
    expected = _EXPECTED.get((mime_type or "").lower())
    return expected is not None and ext not in expected
