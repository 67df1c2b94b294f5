"""Records: exports for a FOIA request or litigation, verified offline."""
