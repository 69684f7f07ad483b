from django.conf import settings


def site(request):
    return {"SITE_NAME": "Lichtermeer", "SITE_ROOT": settings.SITE_ROOT}
