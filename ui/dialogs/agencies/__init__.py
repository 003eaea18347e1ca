"""The agency directory: list and edit agencies."""
