"""A QTextBrowser that never loads anything: no remote images, no local files.

Mail HTML is sanitised before it gets here (``helperdesk.mail.parse``), but
the browser is the last line of defence: a tracking pixel must not reveal
that a volunteer opened a letter, so ``loadResource`` answers every request
(http, https, ftp, file, cid, …) with nothing. Links are not followed either;
clicking one only shows where it points.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from i18n import _


class SafeTextBrowser(QTextBrowser):
    link_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocked_requests = 0  # how many resources were refused (for tests and a hint)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Deliberately nothing, whatever the scheme: see the module docstring.
        # An empty (but valid) value, so QTextDocument does not go looking for a
        # file of that name itself.
        self.blocked_requests += 1
        return QByteArray()

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toDisplayString()
        QToolTip.showText(self.mapToGlobal(self.cursorRect().center()),
                          _("Links in mail are not opened: {url}").format(url=text), self)
        self.link_clicked.emit(text)
