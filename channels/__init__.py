"""Input channels of the assistant (REST, Telegram, website socket.io) and their shared input guard."""
