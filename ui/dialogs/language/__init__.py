"""Language: choose the app's screen language (used from the next start)."""
