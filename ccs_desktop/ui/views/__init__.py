"""The pages of the main window: home, the lists, members and settings."""
