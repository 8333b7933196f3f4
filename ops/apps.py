from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: backup and restore commands, the data version and the page cache (ops.page_cache)."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from ops import signals

        signals.connect()
