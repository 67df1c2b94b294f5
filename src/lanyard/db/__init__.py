"""Persistence: the SQLAlchemy base, engines, the unit of work and migrations."""
