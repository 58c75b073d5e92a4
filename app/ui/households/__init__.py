"""Households: the household form (a whole family in one pass: inline rows for new people,
the household's own fields, the answers to rows already registered), its members table, the
member picker (which reuses the people search) and the question before moving a person."""
