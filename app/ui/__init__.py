"""The desktop UI (PySide6): windows, dialogs, Qt item models over service results, Arabic.

One package per feature (people, households, cases, worklists, printing, sync, audit,
importing) over `common`; `shell` composes them. The allowed imports between them are the
import-linter contract "Desk UI rooms" in pyproject.toml (docs/development.md draws it).
"""
