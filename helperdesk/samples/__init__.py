"""helperdesk/samples."""
