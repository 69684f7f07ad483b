from django.urls import path

from . import views

# German addresses: procurement is a German procedure (Merkliste, Wertung, Vergabevermerk); /en/ gives English.
app_name = "procurement"
urlpatterns = [
    path("beschaffung/merklisten/", views.shortlists, name="shortlists"),
    path("beschaffung/merklisten/neu/", views.shortlist_create, name="shortlist_create"),
    path("beschaffung/merklisten/hinzufuegen/", views.add, name="add"),
    path("beschaffung/merklisten/<int:pk>/", views.shortlist, name="shortlist"),
    path("beschaffung/merklisten/<int:pk>/bearbeiten/", views.shortlist_edit, name="shortlist_edit"),
    path("beschaffung/merklisten/<int:pk>/loeschen/", views.shortlist_delete, name="shortlist_delete"),
    path("beschaffung/merklisten/<int:pk>/eintraege/<int:item_id>/entfernen/", views.item_remove,
         name="item_remove"),
    path("beschaffung/merklisten/<int:pk>/eintraege/<int:item_id>/notiz/", views.item_note, name="item_note"),
    path("beschaffung/merklisten/<int:pk>/vergleich/", views.compare, name="compare"),
    path("beschaffung/merklisten/<int:pk>/vergleich.<str:fmt>", views.compare_export, name="compare_export"),
    path("beschaffung/merklisten/<int:pk>/wertung/", views.evaluation_create, name="evaluation_create"),
    path("beschaffung/wertungen/", views.evaluations, name="evaluations"),
    path("beschaffung/wertungen/<int:pk>/", views.evaluation, name="evaluation"),
    path("beschaffung/wertungen/<int:pk>/einstellungen/", views.evaluation_settings, name="evaluation_settings"),
    path("beschaffung/wertungen/<int:pk>/kopieren/", views.evaluation_copy, name="evaluation_copy"),
    path("beschaffung/wertungen/<int:pk>/kriterien/", views.criteria, name="criteria"),
    path("beschaffung/wertungen/<int:pk>/kriterien/katalog/", views.criteria_catalogue, name="criteria_catalogue"),
    path("beschaffung/wertungen/<int:pk>/kriterien/neu/", views.criteria_add, name="criteria_add"),
    path("beschaffung/wertungen/<int:pk>/kriterien/speichern/", views.criteria_update, name="criteria_update"),
    path("beschaffung/wertungen/<int:pk>/kriterien/<int:criterion_id>/entfernen/", views.criterion_remove,
         name="criterion_remove"),
    path("beschaffung/wertungen/<int:pk>/angebote/", views.offers, name="offers"),
    path("beschaffung/wertungen/<int:pk>/angebote/neu/", views.offer_add, name="offer_add"),
    path("beschaffung/wertungen/<int:pk>/angebote/<int:offer_id>/entfernen/", views.offer_remove,
         name="offer_remove"),
    path("beschaffung/wertungen/<int:pk>/bewerten/", views.evaluate, name="evaluate"),
    path("beschaffung/wertungen/<int:pk>/ergebnis/", views.result, name="result"),
    path("beschaffung/wertungen/<int:pk>/vergabevermerk/", views.record, name="record"),
    path("beschaffung/wertungen/<int:pk>/unterlagen/<str:kind>.<str:fmt>", views.tender_document, name="tender"),
]
