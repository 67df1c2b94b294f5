"""Official accounts: the registry of district social media accounts and websites, and
the escrow of their credentials (issue 4)."""
