"""ui/dialogs/agencies."""
