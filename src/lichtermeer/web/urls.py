from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/thanks/", views.accessibility_thanks, name="accessibility_thanks"),
    path("about/", views.about, name="about"),
]
