import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qararat.settings")
application = get_wsgi_application()

from qararat.staticfiles import check_manifest  # noqa: E402 (needs the settings loaded above)

check_manifest()
