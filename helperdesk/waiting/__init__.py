"""helperdesk/waiting."""
