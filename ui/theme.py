"""Colours for people who need strong contrast.

The app follows the system's palette (light, dark, the platform's own high
contrast); ``high_contrast_palette`` is the same idea made explicit, used for
screenshots and checks: white on black, yellow selection, no mid greys. Status
is never told by colour alone: overdue items also say "overdue" in words.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def high_contrast_palette() -> QPalette:
    """White text on black, black on yellow for selections and links in cyan."""
    p = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                 QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Button,
                 QPalette.ColorRole.ToolTipBase):
        p.setColor(role, black)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.ToolTipText,
                 QPalette.ColorRole.BrightText, QPalette.ColorRole.PlaceholderText):
        p.setColor(role, white)
    p.setColor(QPalette.ColorRole.Highlight, yellow)
    p.setColor(QPalette.ColorRole.HighlightedText, black)
    p.setColor(QPalette.ColorRole.Link, QColor("#00ffff"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#c0c0c0"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#c0c0c0"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#c0c0c0"))
    return p


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the current palette is dark (dark mode or high contrast)."""
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415 (only with an app)

    window = (palette or QGuiApplication.palette()).color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def alert_color() -> QColor:
    """Red for warnings that keeps 4.5:1 contrast on light and on dark backgrounds."""
    return QColor("#ff9a8f") if is_dark() else QColor("#a40000")


def alert_style() -> str:
    return f"color: {alert_color().name()}"


# Light boxes (reminders, findings) keep dark text whatever the system palette.
NOTE_TEXT = "#1f1f1f"
