from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language


def site(request):
    source = getattr(settings, "SOURCE_CODE_URL", "") or f"{reverse('web:about')}#source-code"
    return {
        "SITE_NAME": "Lichtermeer",
        "SITE_ROOT": settings.SITE_ROOT,
        "SOURCE_CODE_URL": source,
        "language_switch": _language_switch(request),
    }


def _language_switch(request) -> dict:
    """The other language and this page's address in it.

    The address is translated here, while the page's own language is active: set_language runs with
    the default language active and cannot resolve /en/… addresses itself.
    """
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    other = "en" if current == "de" else "de"
    return {"code": other, "next": translate_url(request.get_full_path(), other)}
