"""Qt-free services: each opens its own session per action."""
