"""HTTP: the webhook blueprint and the staff desk blueprints, with their templates and static files."""
