"""Yearly acknowledgments of the policy: campaigns, signing, reminders, completion."""
