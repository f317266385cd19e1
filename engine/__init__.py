"""Bauhinia's in-process LLM engine over llama-cpp-python.

Plain Python only: this package must never import Qt. Dependencies (device lists, clocks, paths)
are taken as parameters so tests can inject fakes.
"""

__version__ = "0.1.0"
