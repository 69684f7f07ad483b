from django.urls import path

from . import views

# German addresses: the assessment is a German procedure (Zulassung, Antrag, Prüfbericht); /en/ gives English.
app_name = "assessment"
urlpatterns = [
    path("zulassung/", views.queue, name="queue"),
    path("zulassung/interessenkonflikte/", views.conflicts, name="conflicts"),
    path("zulassung/antraege/<int:pk>/", views.application, name="application"),
    path("zulassung/antraege/<int:pk>/pruefung/", views.review, name="review"),
    path("zulassung/antraege/<int:pk>/strittig/", views.resolve, name="resolve"),
    path("zulassung/antraege/<int:pk>/entscheidung/", views.decide, name="decide"),
    path("zulassung/antraege/<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("zulassung/antraege/<int:pk>/pruefende-freigeben/", views.release, name="release"),
    path("zulassung/loesungen/<slug:slug>/antrag/", views.apply, name="apply"),
    path("zulassung/loesungen/<slug:slug>/pruefbericht/", views.report, name="report"),
    path("zulassung/loesungen/<slug:slug>/badge.svg", views.badge, name="badge"),
]
