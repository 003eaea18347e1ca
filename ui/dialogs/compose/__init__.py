"""Compose a reply to an agency: live checks, confirmation, sending off the GUI thread."""
