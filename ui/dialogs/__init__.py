"""Dialogs, one folder per feature: accounts, agencies, households, deadlines, filing, unlock."""
