"""helperdesk/mail."""
