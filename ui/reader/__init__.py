"""The reader: one message with its text, attachments and PDF pages, no remote content."""
