"""ui/dialogs/deadlines."""
