"""helperdesk/reminders."""
