"""The comparison knowledge store: typed model, validating loader, query layer."""
