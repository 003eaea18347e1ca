"""Mail accounts: add (with provider presets and a connection test), list, edit, password."""
