"""helperdesk/intake."""
