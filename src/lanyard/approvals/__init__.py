"""Requests and approvals: every form a pack names, as a workflow."""
