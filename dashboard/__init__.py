"""The operator's dashboard: figures read from the tracker store, rendered for a terminal, a file or /admin."""
