"""Run-time adjustments of the Rasa server process (loaded through storage.tracker_store)."""
