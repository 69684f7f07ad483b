from django.urls import path, register_converter

from . import views


class RequirementCode:
    """LM-DS-01: the id of a requirement (any two letters; unknown ones answer 404 in the view)."""

    regex = "LM-[A-Z]{2}-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class Semver:
    regex = r"[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RequirementCode, "requirement_code")
register_converter(Semver, "catalogue_semver")

app_name = "requirements"
urlpatterns = [
    path("requirements/", views.index, name="index"),
    path("requirements/versions/", views.versions, name="versions"),
    path("requirements/versions/<catalogue_semver:version>/", views.version, name="version"),
    path("requirements/versions/<catalogue_semver:version>/catalogue.yaml", views.download, {"kind": "yaml"},
         name="download_yaml"),
    path("requirements/versions/<catalogue_semver:version>/catalogue.json", views.download, {"kind": "json"},
         name="download_json"),
    path("requirements/diff/", views.diff, name="diff"),
    path("requirements/proposals/", views.proposals, name="proposals"),
    path("requirements/proposals/new/", views.proposal_new, name="proposal_new"),
    path("requirements/proposals/<int:number>/", views.proposal, name="proposal"),
    path("requirements/proposals/<int:number>/comment/", views.comment, name="comment"),
    path("requirements/proposals/<int:number>/comments/<int:comment_id>/hide/", views.hide_comment,
         name="hide_comment"),
    path("requirements/proposals/<int:number>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("requirements/proposals/<int:number>/record-conflict/", views.record_conflict, name="record_conflict"),
    path("requirements/proposals/<int:number>/vote/", views.vote, name="vote"),
    path("requirements/proposals/<int:number>/open-voting/", views.open_voting, name="open_voting"),
    path("requirements/proposals/<int:number>/decide/", views.decide, name="decide"),
    path("requirements/proposals/<int:number>/withdraw/", views.withdraw, name="withdraw"),
    path("requirements/<requirement_code:code>/", views.requirement, name="requirement"),
    path("committee/", views.committee, name="committee"),
    path("committee/publish/", views.publish, name="publish"),
    path("committee/interests/", views.declare_interests, name="declare_interests"),
]
