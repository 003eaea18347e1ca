"""Seeing: colours keep WCAG 2.1 AA contrast (4.5:1) in light, dark and high-contrast palettes,
and status is never told by colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.theme import NOTE_TEXT, alert_color, high_contrast_palette


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture(params=["light", "high-contrast"])
def palette(request: Any, qapp: QApplication) -> Iterator[QPalette]:
    old = qapp.palette()
    if request.param == "high-contrast":
        qapp.setPalette(high_contrast_palette())
    else:
        light = QPalette(QColor("#efefef"))
        light.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
        light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        qapp.setPalette(light)
    try:
        yield qapp.palette()
    finally:
        qapp.setPalette(old)


def test_alert_text_is_readable(palette: QPalette) -> None:
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast(alert_color(), palette.color(role)) >= 4.5


def test_high_contrast_palette_text() -> None:
    p = high_contrast_palette()
    assert contrast(p.color(QPalette.ColorRole.Text), p.color(QPalette.ColorRole.Base)) >= 7
    assert contrast(p.color(QPalette.ColorRole.HighlightedText),
                    p.color(QPalette.ColorRole.Highlight)) >= 7


def test_note_boxes_keep_dark_text() -> None:
    for background in ("#fff4ce", "#fde2e1", "#fffbe6"):  # reminder, problem, findings
        assert contrast(QColor(NOTE_TEXT), QColor(background)) >= 4.5


def test_overdue_is_said_in_words_not_only_red(filled: Any) -> None:
    from ui.models.deadlines import DueSoonModel

    model = DueSoonModel(filled.store)
    model.reload()
    overdue = [r for r in range(model.rowCount())
               if model.view_at(r).deadline.date < dt.date.today()]
    assert overdue
    for row in overdue:
        index = model.index(row, DueSoonModel.DATE)
        assert "overdue" in str(model.data(index, Qt.ItemDataRole.DisplayRole))
        fg = model.data(index, Qt.ItemDataRole.ForegroundRole).color()
        bg = model.data(index, Qt.ItemDataRole.BackgroundRole).color()
        assert contrast(fg, bg) >= 4.5
