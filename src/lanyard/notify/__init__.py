"""Notifications: kept in the database, shown on the home page, mailed after commit."""
