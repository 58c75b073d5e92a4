"""Importing beneficiaries from a spreadsheet: the import dialog and its report model."""
