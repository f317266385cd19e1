"""The PySide6 desktop window.

Only ``app.ui.main`` is imported at start-up; everything heavy (the engine, llama.cpp, the
history store) is imported lazily, in the worker threads that own it, to keep the first paint fast.
"""
