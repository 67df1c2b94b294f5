"""Communication audit: message logs resolved against the directory and evaluated by the
district's policy pack (issue 12)."""
