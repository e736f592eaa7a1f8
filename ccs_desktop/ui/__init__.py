"""The Qt user interface: it calls the services, never the database directly."""
