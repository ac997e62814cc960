from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the portal: health checks, the cache that survives Redis going away, the
    schedule of jobs, log masking, and the benchmark's data set."""

    name = "ops"
    verbose_name = "Operations"
