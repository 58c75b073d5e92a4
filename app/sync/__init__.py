"""Sync with headquarters: batch files, keys, outbox reading, exactly-once apply. No Qt."""
