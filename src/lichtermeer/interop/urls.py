from django.urls import path

from . import views

# German addresses where the word is German ("neu", "bearbeiten", "kompatibel"); /en/ gives English pages.
# A standard's page /standards/<id>/ is its stable URI (the Turtle export names it). The fixed addresses come
# first; the ids "neu" and "adapter" are reserved (services refuse them).
app_name = "interop"
urlpatterns = [
    path("standards/", views.standards, name="standards"),
    path("standards/register.<str:fmt>", views.export, name="export"),
    path("standards/neu/", views.standard_add, name="standard_add"),
    path("standards/adapter/neu/", views.adapter_edit, name="adapter_add"),
    path("standards/adapter/<int:pk>/bearbeiten/", views.adapter_edit, name="adapter_edit"),
    path("standards/adapter/<int:pk>/entfernen/", views.adapter_remove, name="adapter_remove"),
    path("standards/<slug:standard_id>/", views.standard, name="standard"),
    path("standards/<slug:standard_id>/bearbeiten/", views.standard_edit, name="standard_edit"),
    path("standards/<slug:standard_id>/ausmustern/", views.standard_retire, name="standard_retire"),
    path("exit-score/", views.exit_method, name="exit_method"),
    path("solutions/<slug:slug>/kompatibel/", views.compare_pick, name="compare_pick"),
    path("solutions/<slug:slug>/kompatibel/<slug:other>/", views.compare, name="compare"),
]
