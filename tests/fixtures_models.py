"""Pytest fixtures that provide generated GGUF models (filled in by the diagnostic-model work)."""
