"""How the servers run: entry points (serve, action_server), adjustments (speedups), start from Python (launch)."""
