"""Charts drawn server-side as PNG, in a worker process that imports neither the actions nor spaCy."""
