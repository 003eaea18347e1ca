"""helperdesk/app."""
