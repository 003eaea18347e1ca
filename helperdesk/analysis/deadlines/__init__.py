"""helperdesk/analysis/deadlines."""
