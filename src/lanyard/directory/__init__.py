"""The directory: people, buildings, links, roles, approvals and disclosures on file."""
