"""Custom actions of the assistant; importing them loads nothing: the action server's start-up is actions/startup.py."""
