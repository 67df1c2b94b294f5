"""Readers of media-release and directory-information opt-out files (formats.md 1.14)."""
