"""Background work: task runners off the GUI thread and the sync adapter."""
