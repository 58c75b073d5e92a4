"""The headquarters service: enrollment, batch ingest into the central DB, answers. No Qt."""
