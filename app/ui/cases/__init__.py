"""Social cases: the case window (header, details by case type, timeline, stage buttons), the
event, record and status dialogs, the new-case dialog, the person's cases panel, break-glass
access, and the opener that applies the access rules before a case window opens."""
