"""留工助手 — a WeChat Official Account bot for migrant workers staying put over Spring Festival."""

__version__ = "0.1.0"
