"""Command-line entry points (DESIGN §3)."""
