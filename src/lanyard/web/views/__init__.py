"""The shell's pages: sign-in, home, directory, person and audit log."""
