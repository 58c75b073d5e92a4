"""Work lists: my cases, the supervision tab (each worker's load, overdue cases, closures
waiting for approval) and the branch figures, with their table models and shared widgets (count
chips, the list chooser, the case table)."""
