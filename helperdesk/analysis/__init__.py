"""helperdesk/analysis."""
