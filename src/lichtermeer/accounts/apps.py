from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lichtermeer.accounts"
    verbose_name = "Accounts"
