import pytest


@pytest.fixture(scope="session")
def _static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def _test_defaults(settings, _static_root):
    # Tests see German as the default language, like users do; individual tests switch to English.
    settings.LANGUAGE_CODE = "de"
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.STATIC_ROOT = _static_root  # whitenoise warns about a missing directory otherwise
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Hashing with PBKDF2 dominates test time; production keeps the default hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
