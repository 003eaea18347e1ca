"""Deadlines: choose or move a deadline's date."""
