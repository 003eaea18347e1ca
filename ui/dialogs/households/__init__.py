"""ui/dialogs/households."""
