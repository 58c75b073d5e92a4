"""Work lists: my cases, the supervisor's view of the branch (workload, reassignment) and the
monthly figures, with their table models and shared widgets (chips, the case table)."""
