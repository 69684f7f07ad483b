from django.urls import path

from . import views

app_name = "solutions"
urlpatterns = [
    path("solutions/", views.search, name="search"),
    path("solutions/<slug:slug>/", views.detail, name="detail"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
]
