"""ui/dialogs/unlock."""
