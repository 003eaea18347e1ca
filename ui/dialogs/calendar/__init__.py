"""Calendar: export deadlines as an .ics file (options: suggested, redacted, alarms)."""
