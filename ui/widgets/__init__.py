"""Small reusable widgets: banner, household list, ID panel, tables, thread tree."""
