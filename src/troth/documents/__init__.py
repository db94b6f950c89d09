"""Documents the registry issues (PDF)."""
