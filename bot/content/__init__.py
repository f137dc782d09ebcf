"""What the bot says: answers, sources, regions and broadcast templates loaded from ``content/``."""
