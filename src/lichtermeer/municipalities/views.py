"""Pages of the municipalities: finding one, what it uses and runs, the platform overview, maps, the
Modellprojekte Smart Cities, and the forms of verified municipal staff.

Thin: reads go through selectors, writes through services (which check the rules again, so a refused action
is refused everywhere and audited writes stay in one place). Every action is a POST to its own address that
redirects back (post/redirect/get) with a message; a refusal answers with the page, the reason and the
refusal's status code. Everything works without JavaScript.
"""

import functools
import json
import re
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lichtermeer.engines.geo import reference as geo_reference

from . import exports, forms, selectors, services
from . import maps as municipal_maps
from .models import Contact, ExperienceReport, Grouping, InventoryEntry, Municipality, UrbanDataPlatform
from .services import MunicipalError

AGS = re.compile(r"[0-9]{8}")
SOLUTION_CHOICES_LIMIT = 200
STAFF_PERMISSIONS = ("change_inventory", "change_platform", "manage_contacts", "submit_report",
                     "manage_shared_service")
ATTRIBUTION = (geo_reference.ATTRIBUTION_GV100AD,)


# --- shared with the API ------------------------------------------------------------------------------------


def model_projects_by_round() -> "OrderedDict[int | None, list[Grouping]]":
    """The Modellprojekte Smart Cities by funding round, each with lead and members."""
    projects = (Grouping.objects.filter(kind=Grouping.Kind.MODEL_PROJECT).select_related("operator", "solution")
                .prefetch_related("members").order_by("round", "name"))
    rounds: OrderedDict = OrderedDict()
    for project in projects:
        rounds.setdefault(project.round, []).append(project)
    return rounds


def platforms_of(town: Municipality) -> list[UrbanDataPlatform]:
    return list(town.platforms.select_related("solution").order_by("name"))


# --- helpers ------------------------------------------------------------------------------------------------


def _not_found(request, ags: str, *, malformed: bool):
    context = {"ags": ags[:40], "malformed": malformed}
    return render(request, "municipalities/not_found.html", context, status=404)


def with_municipality(view):
    """Resolve the `ags` of the address: a malformed or unknown key gets a 404 page that says which it is."""

    @functools.wraps(view)
    def wrapper(request, ags, *args, **kwargs):
        if not AGS.fullmatch(ags):
            return _not_found(request, ags, malformed=True)
        town = selectors.get(ags)
        if town is None:
            return _not_found(request, ags, malformed=False)
        return view(request, town, *args, **kwargs)

    return wrapper


def _guard(request, town: Municipality, perm: str):
    """Sign in first; then only those with the permission (403 page otherwise)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(f"municipalities.{perm}", town):
        raise PermissionDenied
    return None


def _land_choices() -> list:
    return [(land.code, land.name) for land in selectors.laender()]


# --- finding a municipality ---------------------------------------------------------------------------------


@require_GET
def index(request):
    form = forms.SearchForm(request.GET or None)
    query = land = ""
    if form.is_bound and form.is_valid():
        query, land = form.cleaned_data["q"].strip(), form.cleaned_data["land"]
    searched = bool(query or land)
    results = selectors.find(query, land=land) if searched else []
    context = {
        "form": form,
        "query": query,
        "land": land,
        "laender": _land_choices(),
        "searched": searched,
        "results": results,
    }
    return render(request, "municipalities/index.html", context)


def _detail_page(request, town: Municipality, *, status: int = 200, error: str = "", reuse_form=None):
    user = request.user
    can = {name: user.has_perm(f"municipalities.{name}", town) for name in STAFF_PERMISSIONS}
    may_send = user.has_perm("municipalities.send_reuse_request", town)
    accepts = selectors.accepts_reuse_requests(town)
    inventory = selectors.inventory(town)
    context = {
        "town": town,
        "inventory": inventory,
        "platforms": platforms_of(town),
        "groupings": selectors.groupings_of(town),
        "contacts": selectors.public_contacts(town),
        "reports": selectors.published_reports(municipality=town),
        "accepts_reuse_requests": accepts,
        "may_send": may_send,
        "reuse_form": reuse_form or (forms.ReuseRequestForm(municipality=town) if accepts and may_send else None),
        "can": can,
        "is_staff": any(can.values()),
        "my_contact": Contact.objects.filter(municipality=town, user=user).first() if user.is_authenticated else None,
        "error": error,
        "attribution": ATTRIBUTION,
    }
    return render(request, "municipalities/detail.html", context, status=status)


@require_GET
@with_municipality
def detail(request, town):
    return _detail_page(request, town)


@require_POST
@with_municipality
def become_staff(request, town):
    """Prepare the membership request: make sure the municipality has its organisation, then send the user to
    the membership page, where they choose it."""
    if not request.user.is_authenticated:
        return redirect_to_login(town.get_absolute_url())
    organisation = services.organisation_for(town)
    if request.user.has_perm("municipalities.manage_contacts", town):
        messages.info(request, _("You are already verified staff of this municipality."))
        return redirect(town.get_absolute_url())
    messages.info(request, _("Request membership of “%(organisation)s” with the role “Municipal staff”. The "
                             "operator checks your request.") % {"organisation": organisation.name})
    return redirect("accounts:memberships")


@require_POST
@with_municipality
def reuse_request(request, town):
    if not request.user.is_authenticated:
        return redirect_to_login(town.get_absolute_url() + "#reuse")
    form = forms.ReuseRequestForm(request.POST, municipality=town)
    if not form.is_valid():
        return _detail_page(request, town, status=422, error=_("Please check your input."), reuse_form=form)
    try:
        sent = services.send_reuse_request(actor=request.user, municipality=town, message=form.cleaned_data["message"],
                                           solution=form.cleaned_data["solution"])
    except MunicipalError as refusal:
        return _detail_page(request, town, status=refusal.status, error=refusal.message, reuse_form=form)
    messages.success(request, ngettext(
        "Your request has been forwarded to %(count)d contact of the municipality. The answer comes by e-mail.",
        "Your request has been forwarded to %(count)d contacts of the municipality. Answers come by e-mail.",
        sent.delivered_to) % {"count": sent.delivered_to})
    return redirect(town.get_absolute_url() + "#reuse")


# --- staff: inventory ---------------------------------------------------------------------------------------


def _form_page(request, town, template: str, *, status: int = 200, error: str = "", **context):
    return render(request, f"municipalities/{template}", {"town": town, "error": error, **context}, status=status)


def _solution_choices(query: str):
    solutions = forms.public_solutions()
    if query:
        solutions = solutions.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    ids = list(solutions.values_list("pk", flat=True)[:SOLUTION_CHOICES_LIMIT])
    return forms.public_solutions().filter(pk__in=ids)


@require_http_methods(["GET", "POST"])
@with_municipality
def inventory_add(request, town):
    refused = _guard(request, town, "change_inventory")
    if refused:
        return refused
    source = request.POST if request.method == "POST" else request.GET
    kind = "unlisted" if source.get("kind") == "unlisted" else "listed"
    query = " ".join(request.GET.get("q", "").split())[:100]
    context = {"kind": kind, "query": query, "entry": None}
    if request.method == "GET":
        form = forms.InventoryForm(municipality=town, kind=kind, solutions=_solution_choices(query),
                                   initial={"status": InventoryEntry.Status.PRODUCTION})
        return _form_page(request, town, "inventory_form.html", form=form, **context)
    form = forms.InventoryForm(request.POST, municipality=town, kind=kind)
    if not form.is_valid():
        return _form_page(request, town, "inventory_form.html", status=422, error=_("Please check your input."),
                          form=form, **context)
    try:
        entry = services.add_inventory_entry(actor=request.user, municipality=town,
                                             shared_with=form.cleaned_data["shared_with"], **form.values())
    except MunicipalError as refusal:
        return _form_page(request, town, "inventory_form.html", status=refusal.status, error=refusal.message,
                          form=form, **context)
    messages.success(request, _("“%(name)s” has been added to the inventory.") % {"name": entry.display_name})
    return redirect(town.get_absolute_url() + "#inventory")


def _entry_or_404(town, entry_id: int) -> InventoryEntry:
    return get_object_or_404(InventoryEntry.objects.select_related("solution"), pk=entry_id, municipality=town,
                             removed_at__isnull=True)


@require_http_methods(["GET", "POST"])
@with_municipality
def inventory_edit(request, town, entry_id):
    refused = _guard(request, town, "change_inventory")
    if refused:
        return refused
    entry = _entry_or_404(town, entry_id)
    kind = "fixed" if entry.solution_id else "unlisted"
    context = {"kind": kind, "entry": entry, "query": ""}
    if request.method == "GET":
        form = forms.InventoryForm(municipality=town, kind=kind, initial=forms.InventoryForm.initial_from(entry))
        return _form_page(request, town, "inventory_form.html", form=form, **context)
    form = forms.InventoryForm(request.POST, municipality=town, kind=kind)
    if not form.is_valid():
        return _form_page(request, town, "inventory_form.html", status=422, error=_("Please check your input."),
                          form=form, **context)
    try:
        services.update_inventory_entry(actor=request.user, entry=entry, shared_with=form.cleaned_data["shared_with"],
                                        **form.values())
    except MunicipalError as refusal:
        return _form_page(request, town, "inventory_form.html", status=refusal.status, error=refusal.message,
                          form=form, **context)
    messages.success(request, _("The entry “%(name)s” has been updated.") % {"name": entry.display_name})
    return redirect(town.get_absolute_url() + "#inventory")


@require_POST
@with_municipality
def inventory_remove(request, town, entry_id):
    refused = _guard(request, town, "change_inventory")
    if refused:
        return refused
    entry = _entry_or_404(town, entry_id)
    try:
        services.remove_inventory_entry(actor=request.user, entry=entry)
    except MunicipalError as refusal:
        return _detail_page(request, town, status=refusal.status, error=refusal.message)
    messages.success(request, _("“%(name)s” has been removed from the inventory.") % {"name": entry.display_name})
    return redirect(town.get_absolute_url() + "#inventory")


# --- staff: contact, platforms, reports, shared services ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@with_municipality
def contact(request, town):
    refused = _guard(request, town, "manage_contacts")
    if refused:
        return refused
    current = Contact.objects.filter(municipality=town, user=request.user).first()
    if request.method == "GET":
        initial = ({"function": current.function, "show_publicly": current.show_publicly,
                    "accepts_reuse_requests": current.accepts_reuse_requests} if current else {})
        return _form_page(request, town, "contact_form.html", form=forms.ContactForm(initial=initial),
                          contact=current)
    form = forms.ContactForm(request.POST)
    if not form.is_valid():
        return _form_page(request, town, "contact_form.html", status=422, error=_("Please check your input."),
                          form=form, contact=current)
    data = form.cleaned_data
    try:
        saved = services.set_contact(actor=request.user, municipality=town, function=data["function"],
                                     show_publicly=data["show_publicly"],
                                     accepts_reuse_requests=data["accepts_reuse_requests"])
    except MunicipalError as refusal:
        return _form_page(request, town, "contact_form.html", status=refusal.status, error=refusal.message,
                          form=form, contact=current)
    if saved is None:
        messages.success(request, _("You are no longer shown as a contact and receive no reuse requests."))
    else:
        messages.success(request, _("Your contact settings have been saved."))
    return redirect(town.get_absolute_url() + "#contacts")


@require_http_methods(["GET", "POST"])
@with_municipality
def platform_edit(request, town, platform_id=None):
    refused = _guard(request, town, "change_platform")
    if refused:
        return refused
    platform = get_object_or_404(UrbanDataPlatform, pk=platform_id, municipality=town) if platform_id else None
    if request.method == "GET":
        initial = forms.PlatformForm.initial_from(platform) if platform else {}
        return _form_page(request, town, "platform_form.html", form=forms.PlatformForm(initial=initial),
                          platform=platform)
    form = forms.PlatformForm(request.POST)
    if not form.is_valid():
        return _form_page(request, town, "platform_form.html", status=422, error=_("Please check your input."),
                          form=form, platform=platform)
    try:
        saved = services.save_platform(actor=request.user, municipality=town, platform=platform, **form.values())
    except MunicipalError as refusal:
        return _form_page(request, town, "platform_form.html", status=refusal.status, error=refusal.message,
                          form=form, platform=platform)
    messages.success(request, _("The platform “%(name)s” has been saved.") % {"name": saved.name})
    return redirect(town.get_absolute_url() + "#platforms")


@require_http_methods(["GET", "POST"])
@with_municipality
def report_new(request, town):
    refused = _guard(request, town, "submit_report")
    if refused:
        return refused
    if request.method == "GET":
        return _form_page(request, town, "report_form.html", form=forms.ReportForm(municipality=town))
    form = forms.ReportForm(request.POST, municipality=town)
    if not form.is_valid():
        return _form_page(request, town, "report_form.html", status=422, error=_("Please check your input."),
                          form=form)
    data = form.cleaned_data
    try:
        services.submit_report(actor=request.user, municipality=town, solution=data["solution"],
                               rating=data["rating"], title=data["title"], body=data["body"])
    except MunicipalError as refusal:
        return _form_page(request, town, "report_form.html", status=refusal.status, error=refusal.message,
                          form=form)
    messages.success(request, _("Thank you. Your report will be published once the operator has checked it."))
    return redirect(town.get_absolute_url() + "#reports")


@require_http_methods(["GET", "POST"])
@with_municipality
def shared_service_new(request, town):
    refused = _guard(request, town, "manage_shared_service")
    if refused:
        return refused
    if request.method == "GET":
        return _form_page(request, town, "shared_service_form.html", form=forms.SharedServiceForm(municipality=town))
    form = forms.SharedServiceForm(request.POST, municipality=town)
    if not form.is_valid():
        return _form_page(request, town, "shared_service_form.html", status=422,
                          error=_("Please check your input."), form=form)
    data = form.cleaned_data
    try:
        grouping = services.create_shared_service(actor=request.user, operator=town, name=data["name"],
                                                  members=data["members"], solution=data["solution"],
                                                  description=data["description"])
    except MunicipalError as refusal:
        return _form_page(request, town, "shared_service_form.html", status=refusal.status, error=refusal.message,
                          form=form)
    messages.success(request, _("The shared service “%(name)s” has been recorded.") % {"name": grouping.name})
    return redirect(town.get_absolute_url() + "#groupings")


# --- overviews ----------------------------------------------------------------------------------------------


@require_GET
def platforms(request):
    form = forms.PlatformFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.platforms(**filters)
    requested = request.GET.get("format", "")
    if requested == "csv":
        response = HttpResponse(exports.platforms_csv(rows).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="urbane-datenplattformen.csv"'
        return response
    if requested == "geojson":
        collection = exports.platforms_geojson(rows)
        response = HttpResponse(json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8"),
                                content_type="application/geo+json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="urbane-datenplattformen.geojson"'
        response["X-Skipped-Without-Coordinates"] = str(collection["skipped_without_coordinates"])
        return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "filters": filters,
        "filtered": any(filters.values()),
        "rows": rows,
        "laender": _land_choices(),
        "export_query": query.urlencode(),
    }
    return render(request, "municipalities/platforms.html", context)


@require_GET
def maps(request):
    kreise = request.GET.get("kreise") == "1"
    context = {
        "maps": [municipal_maps.platform_map(kreise=kreise), municipal_maps.coverage_map(kreise=kreise)],
        "kreise": kreise,
    }
    return render(request, "municipalities/maps.html", context)


@require_GET
def model_projects(request):
    rounds = model_projects_by_round()
    context = {
        "rounds": [{"round": number, "projects": projects} for number, projects in rounds.items()],
        "count": sum(len(projects) for projects in rounds.values()),
        "uncertain": sum(not p.certain for projects in rounds.values() for p in projects),
    }
    return render(request, "municipalities/model_projects.html", context)


# --- regions and groupings ---------------------------------------------------------------------------------


def _region_not_found(request, kind: str, key: str, *, malformed: bool):
    context = {"kind": kind, "key": key[:40], "malformed": malformed}
    return render(request, "municipalities/region_not_found.html", context, status=404)


@require_GET
def land_detail(request, code):
    land = selectors.land_by_code(code)
    if land is None:
        return _region_not_found(request, "land", code, malformed=not selectors.LAND_CODE.fullmatch(code))
    kreise = selectors.kreise_overview(land)
    context = {
        "land": land,
        "kreise": kreise,
        "without_kreis": land.municipality_count - sum(k.municipality_count for k in kreise),
        "map": municipal_maps.region_map(selectors.recording_municipalities(land=land), region=land, kind="land"),
        "attribution": ATTRIBUTION,
    }
    return render(request, "municipalities/land.html", context)


@require_GET
def kreis_detail(request, ags):
    kreis = selectors.kreis_by_ags(ags)
    if kreis is None:
        return _region_not_found(request, "kreis", ags, malformed=not selectors.KREIS_KEY.fullmatch(ags))
    context = {
        "kreis": kreis,
        "municipalities": selectors.municipalities_of_kreis(kreis),
        "map": municipal_maps.region_map(selectors.recording_municipalities(kreis=kreis), region=kreis,
                                         kind="kreis"),
        "attribution": ATTRIBUTION,
    }
    return render(request, "municipalities/kreis.html", context)


@require_GET
def grouping_detail(request, slug):
    grouping = selectors.grouping_by_slug(slug)
    if grouping is None:
        return _region_not_found(request, "grouping", slug, malformed=False)
    members = list(grouping.members.all())
    context = {
        "grouping": grouping,
        "members": members,
        "map": municipal_maps.grouping_map(grouping, members),
    }
    return render(request, "municipalities/grouping.html", context)


# --- operator: moderation -----------------------------------------------------------------------------------


def _moderation_page(request, *, status: int = 200, error: str = "", failed_id=None, failed_form=None):
    context = {
        "reports": selectors.pending_reports(),
        "error": error,
        "failed_id": failed_id,
        "failed_form": failed_form,
    }
    return render(request, "municipalities/moderation.html", context, status=status)


def _moderator(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("municipalities:moderation"))
    if not request.user.has_perm("municipalities.moderate_report"):
        raise PermissionDenied
    return None


@require_GET
def moderation(request):
    return _moderator(request) or _moderation_page(request)


@require_POST
def moderate(request, report_id):
    refused = _moderator(request)
    if refused:
        return refused
    report = get_object_or_404(ExperienceReport, pk=report_id)
    form = forms.ModerationForm(request.POST)
    if not form.is_valid():
        return _moderation_page(request, status=422, error=_("Please check your input."), failed_id=report.pk,
                                failed_form=form)
    publish = form.cleaned_data["decision"] == "publish"
    try:
        services.moderate_report(actor=request.user, report=report, publish=publish, note=form.cleaned_data["note"])
    except MunicipalError as refusal:
        return _moderation_page(request, status=refusal.status, error=refusal.message, failed_id=report.pk,
                                failed_form=form)
    if publish:
        messages.success(request, _("The report “%(title)s” has been published.") % {"title": report.title})
    else:
        messages.success(request, _("The report “%(title)s” has been rejected.") % {"title": report.title})
    return redirect("municipalities:moderation")
