"""Beneficiaries: the search page and its paged model, the beneficiary form and its fields, the
change history, the possible-duplicates dialog, and the household panel shown on a person."""
