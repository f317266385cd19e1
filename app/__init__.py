"""Bauhinia desktop application: UI, history store, settings/policy and the CLI."""

__version__ = "0.1.0"
