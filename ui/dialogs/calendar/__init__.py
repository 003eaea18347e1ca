"""Calendar dialogs: export deadlines as an .ics file; the CalDAV calendars to push to."""
