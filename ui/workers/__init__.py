"""ui/workers."""
