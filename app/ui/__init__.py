"""The desktop UI (PySide6): windows, dialogs, Qt item models over service results, Arabic."""
