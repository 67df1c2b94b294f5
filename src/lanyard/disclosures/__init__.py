"""Relationship disclosures: an employee records a legitimate outside relationship with a
student; the pack decides who is told."""
