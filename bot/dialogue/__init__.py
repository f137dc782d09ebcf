"""One turn of the conversation: the bot, its flows, the custom menu and the outbox."""
