"""Date formats where Latvian usage differs from Django's (FORMAT_MODULE_PATH)."""
