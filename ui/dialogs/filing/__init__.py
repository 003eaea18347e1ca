"""ui/dialogs/filing."""
