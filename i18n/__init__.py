"""Gettext catalogs for the UI and the printed summaries, and the helpers to load them."""
