"""Summary: the Print summary… dialog for a household (preview, print, save as PDF)."""
