"""The SQLite store shared by every process, and the migrations that create every table."""
