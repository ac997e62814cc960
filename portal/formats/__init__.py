"""Date formats where the centre's usage differs from Django's defaults (FORMAT_MODULE_PATH)."""
