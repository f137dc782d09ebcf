"""Wage-arrears complaints: the dialogue form workers fill in and the register staff work."""
