"""helperdesk/filing."""
