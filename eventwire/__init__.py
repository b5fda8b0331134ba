"""eventwire: an open political event data system (PLOVER 2.0 and CAMEO)."""

__version__ = "0.1.0"
