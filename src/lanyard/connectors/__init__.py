"""Connectors: readers for the files and feeds districts already produce."""
