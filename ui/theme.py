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
