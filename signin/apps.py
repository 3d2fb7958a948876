from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "signin"
    verbose_name = "Sign-in"

    def ready(self):
        from signin import signals  # noqa: F401  (connects the receivers)
