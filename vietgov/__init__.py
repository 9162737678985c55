"""vietgov: a linked-data publisher for Vietnamese Party and State affairs."""

__version__ = "0.1.0"
