"""Sign-in (local accounts, OpenID Connect), sessions and permissions."""
