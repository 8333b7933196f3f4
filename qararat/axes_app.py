"""django-axes under a name of its own in the admin: its app config gives none, so the Arabic admin's
sidebar showed the bare label "AXES" above the login attempts and lockouts."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy


class AxesConfig(AppConfig):
    verbose_name = gettext_lazy("محاولات الدخول")
