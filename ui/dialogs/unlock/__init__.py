"""Unlocking: the unlock dialog, the first-run wizard and the lock screen."""
