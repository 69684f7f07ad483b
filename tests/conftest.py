import pytest


@pytest.fixture(autouse=True)
def _test_defaults(settings):
    # Tests see German as the default language, like users do; individual tests switch to English.
    settings.LANGUAGE_CODE = "de"
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Hashing with PBKDF2 dominates test time; production keeps the default hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
