"""Input channels of the assistant: guarded REST and the website socket.io channel."""
