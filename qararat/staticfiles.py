"""Static files served under hashed names need the manifest that `collectstatic` writes with the same
storage. Without it Django answers every page with a 500 ("Missing staticfiles manifest entry for
'favicon.svg'"); the server refuses to start instead, saying what to run."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def check_manifest(storage=staticfiles_storage) -> None:
    """Raise ImproperlyConfigured when hashed names are served (QARARAT_HASHED_STATIC, on in production)
    but the static files were collected without them. DEBUG serves plain names and needs no manifest."""
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return
    if not storage.manifest_storage.exists(storage.manifest_name):
        raise ImproperlyConfigured(
            f"{storage.manifest_storage.path(storage.manifest_name)} is missing: the static files were "
            "collected without hashed names, but they are served with them (QARARAT_HASHED_STATIC, on in "
            "production). Collect them the way they are served: `make data`, or "
            "`QARARAT_HASHED_STATIC=1 manage.py collectstatic --noinput`; or serve with QARARAT_HASHED_STATIC=0."
        )
