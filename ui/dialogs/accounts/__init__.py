"""ui/dialogs/accounts."""
