"""The audit browser: the paged audit log with its filters, for supervisors and admins."""
