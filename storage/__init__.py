"""Storage add-ons loaded by the Rasa server (not by the action server)."""
