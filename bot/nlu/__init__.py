"""Language understanding: the jieba classifier (pure) and its rules, loaded from ``intents/``."""
