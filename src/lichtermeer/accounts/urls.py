from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("organisations/", views.memberships, name="memberships"),
    path("organisations/<int:pk>/leave/", views.leave_membership, name="leave_membership"),
]
