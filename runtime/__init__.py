"""How the Rasa server runs: its entry point (serve), its adjustments (speedups), its start from Python (launch)."""
