"""Persistence: SQLAlchemy 2 typed models, engine set-up, unit of work, change capture."""
