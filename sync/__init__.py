"""Mail transport: IMAP sync of accounts into the store (SMTP later)."""
