from django.urls import path

from . import republish_views, views

# German addresses (the language prefix /en/ is added by i18n_patterns); <str:ags> takes anything, so that a
# malformed key gets a 404 page that says what an AGS looks like.
app_name = "dataregister"
urlpatterns = [
    path("daten/", views.search, name="search"),
    path("daten/datensaetze/<int:pk>/", views.dataset_detail, name="dataset"),
    path("daten/datensaetze/<int:pk>/kategorie/", views.confirm_category, name="confirm_category"),
    path("daten/quellen/", views.sources, name="sources"),
    path("daten/neue-quelle/", views.source_add, name="source_add"),
    path("daten/quellen/<slug:slug>/", views.source_detail, name="source"),
    path("daten/quellen/<slug:slug>/fortschritt/", views.source_progress, name="source_progress"),
    path("daten/quellen/<slug:slug>/abrufen/", views.harvest, name="harvest"),
    path("daten/kommunen/<str:ags>/", views.coverage, name="coverage"),
    path("daten/abdeckung/", views.matrix, name="matrix"),
    path("daten/karte/", views.category_map, name="map"),
    # republish: the DCAT-AP.de output (republish.py and its views) adds its patterns below this line.
    path("daten/dcat/katalog", republish_views.negotiate, name="dcat_catalogue_negotiated"),
    path("daten/dcat/katalog.<str:extension>", republish_views.catalogue, name="dcat_catalogue"),
]
