"""Hotline staff and officials: desk accounts, the audit log, the scripted-answer lookup."""
