"""Matching a list of people sent by another body against the registry (File → Match a list…)."""
