"""Custom NLU pipeline components (loaded by `rasa train` and `rasa run` from the project root)."""
