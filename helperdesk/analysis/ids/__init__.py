"""helperdesk/analysis/ids."""
