"""Pre-publication check: consents, a draft post's text and a group e-mail's recipients
checked against the directory, the consents on file and the district's policy pack."""
