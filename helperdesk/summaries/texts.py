"""The sentences of a summary, in two languages at once.

Every sentence is a message of the gettext domain ``summaries`` (English
source text, ``{name}`` placeholders). ``Texts.line`` renders one message in
the household's language and in German; dates and times are written out per
language, ``Term`` values (document names) are translated too, plain strings
(names, numbers) are kept as they are.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass

from helperdesk.summaries.dates import long_date, short_time
from helperdesk.summaries.model import Line
from i18n import is_rtl

DOMAIN = "summaries"
LRE, PDF = "\u202a", "\u202c"  # left-to-right embedding, pop directional formatting


@dataclass(frozen=True)
class Term:
    """A word the catalogs translate (a document's name); ``german`` is what the letter said."""

    msgid: str
    german: str = ""


Value = str | dt.date | dt.time | Term


class Texts:
    def __init__(
        self, lang: str, local: gettext.NullTranslations, german: gettext.NullTranslations
    ) -> None:
        self.lang = lang
        self._local = local
        self._german = german

    def _one(self, catalog: gettext.NullTranslations, lang: str, msgid: str,
             params: dict[str, Value]) -> str:
        values = {k: self._value(catalog, lang, v) for k, v in params.items()}
        text = catalog.gettext(msgid).format(**values)
        # A value that ends a sentence with its own full stop ("… Monate.") keeps one.
        return text.replace("..", ".")

    @staticmethod
    def _value(catalog: gettext.NullTranslations, lang: str, value: Value) -> str:
        if isinstance(value, Term):
            if not value.msgid or (lang == "de" and value.german):
                return value.german
            name = catalog.gettext(value.msgid)
            # The letter said more than the glossary word ("… der letzten drei Monate").
            if value.german and len(value.german.split()) > 1:
                return f"{name} ({value.german})"
            return name
        if isinstance(value, dt.date):
            return long_date(value, lang)
        if isinstance(value, dt.time):
            return short_time(value, lang)
        if is_rtl(lang):
            # Numbers, IDs and addresses keep their own left-to-right order inside
            # right-to-left text ("+49 89 0000 1234" would otherwise read backwards).
            return f"{LRE}{value}{PDF}"
        return value

    def line(self, msgid: str, *, strong: bool = False, **params: Value) -> Line:
        german = self._one(self._german, "de", msgid, params)
        local = german if self.lang == "de" else self._one(self._local, self.lang, msgid, params)
        return Line(local=local, german=german, strong=strong)
