from django.urls import path

from . import views

app_name = "solutions"
urlpatterns = [
    path("solutions/", views.search, name="search"),
    path("solutions/describe/", views.describe, name="describe"),
    path("solutions/<slug:slug>/", views.detail, name="detail"),
    path("solutions/<slug:slug>/publiccode.yml", views.publiccode_yml, name="publiccode_yml"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
]
