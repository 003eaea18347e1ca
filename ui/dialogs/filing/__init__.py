"""Filing: assign an unfiled mail (and its thread) to a household and case."""
