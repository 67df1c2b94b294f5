"""Asking "may I?" as a signed-in person: the directory's record fills in what it knows."""
