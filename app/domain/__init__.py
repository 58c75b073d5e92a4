"""Pure business rules: entities, validation, Arabic normalization. No Qt, no SQL, no I/O."""
