"""Input channels of the assistant (REST, Telegram, website socket.io) on one shared base (channels/base.py)."""
