"""The main window's pages: Due soon, Unfiled, a household's cases, search results."""
