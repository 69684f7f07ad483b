from django.urls import path

from . import views

# <str:ags> takes anything, so that a malformed key gets a 404 page that says what an AGS looks like;
# the fixed addresses come first.
app_name = "municipalities"
urlpatterns = [
    path("municipalities/", views.index, name="index"),
    path("municipalities/platforms/", views.platforms, name="platforms"),
    path("municipalities/maps/", views.maps, name="maps"),
    path("municipalities/model-projects/", views.model_projects, name="model_projects"),
    path("municipalities/laender/<str:code>/", views.land_detail, name="land"),
    path("municipalities/kreise/<str:ags>/", views.kreis_detail, name="kreis"),
    path("municipalities/groups/<slug:slug>/", views.grouping_detail, name="grouping"),
    path("municipalities/reports/moderation/", views.moderation, name="moderation"),
    path("municipalities/reports/<int:report_id>/moderate/", views.moderate, name="moderate"),
    path("municipalities/<str:ags>/", views.detail, name="detail"),
    path("municipalities/<str:ags>/staff/", views.become_staff, name="become_staff"),
    path("municipalities/<str:ags>/reuse-request/", views.reuse_request, name="reuse_request"),
    path("municipalities/<str:ags>/contact/", views.contact, name="contact"),
    path("municipalities/<str:ags>/inventory/add/", views.inventory_add, name="inventory_add"),
    path("municipalities/<str:ags>/inventory/<int:entry_id>/edit/", views.inventory_edit, name="inventory_edit"),
    path("municipalities/<str:ags>/inventory/<int:entry_id>/remove/", views.inventory_remove,
         name="inventory_remove"),
    path("municipalities/<str:ags>/platforms/add/", views.platform_edit, name="platform_add"),
    path("municipalities/<str:ags>/platforms/<int:platform_id>/edit/", views.platform_edit, name="platform_edit"),
    path("municipalities/<str:ags>/reports/new/", views.report_new, name="report_new"),
    path("municipalities/<str:ags>/shared-services/new/", views.shared_service_new, name="shared_service_new"),
]
