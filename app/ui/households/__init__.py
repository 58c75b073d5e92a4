"""Households: the household form, its members table and the member picker (which reuses the
people search)."""
