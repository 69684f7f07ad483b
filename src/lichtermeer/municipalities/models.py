"""Every German municipality (official Destatis reference data) and what the municipalities record about themselves:
the solutions they use (inventory), their urban data platforms, shared services, contacts, experience reports.

Reference rows are keyed by the official keys (AGS, ARS) and never deleted: a municipality that disappears from a
newer Gemeindeverzeichnis is marked dissolved, so inventories and reports keep their history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AGS_VALIDATOR = RegexValidator(r"^[0-9]{8}$", _("An AGS has exactly eight digits."))


class Land(models.Model):
    code = models.CharField(_("key"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    seat = models.CharField(_("seat of government"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("federal state")
        verbose_name_plural = _("federal states")

    def __str__(self) -> str:
        return self.name


class Kreis(models.Model):
    ags = models.CharField(_("district key"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    type_code = models.CharField(_("type"), max_length=2)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="kreise")
    dissolved_on = models.DateField(_("no longer listed since"), null=True, blank=True)

    class Meta:
        ordering = ["ags"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A Gemeinde or gemeindefreies Gebiet of the Gemeindeverzeichnis (Satzart 60)."""

    ags = models.CharField(_("AGS"), max_length=8, unique=True, validators=[AGS_VALIDATOR])
    ars = models.CharField(_("ARS"), max_length=12, db_index=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    type_code = models.CharField(_("type"), max_length=2)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="municipalities")
    # None for the few areas directly under a Land without a Kreis (e.g. coastal waters).
    kreis = models.ForeignKey(Kreis, null=True, blank=True, on_delete=models.PROTECT, related_name="municipalities")
    verband_ars = models.CharField(_("association key"), max_length=9, blank=True)
    verband_name = models.CharField(_("municipal association"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"))
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=2)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True, db_index=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    gebietsstand = models.DateField(_("territorial status"))
    dissolved_on = models.DateField(_("no longer listed since"), null=True, blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="municipality"
    )

    class Meta:
        ordering = ["name", "ags"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.ags})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("municipalities:detail", args=[self.ags])

    @property
    def is_gemeindefrei(self) -> bool:
        return self.type_code in ("65", "66")


class ReferenceLoad(models.Model):
    """One load of a Gemeindeverzeichnis edition: what it changed, for the history."""

    gebietsstand = models.DateField()
    loaded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=300, blank=True)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"GV100AD {self.gebietsstand}"


class OperatingModel(models.TextChoices):
    OWN = "own-operation", _("Own operation")
    SAAS = "provider-saas", _("Provider SaaS")
    SHARED = "shared-service", _("Shared service with other municipalities")
    PUBLIC_IT = "public-it-provider", _("Public IT service provider")


class InventoryEntry(models.Model):
    """A solution a municipality uses or plans to use (Bestandsaufnahme)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PILOT = "pilot", _("Pilot")
        PRODUCTION = "production", _("In production")
        RETIRED = "retired", _("Retired")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="inventory")
    solution = models.ForeignKey(
        "solutions.Solution", null=True, blank=True, on_delete=models.PROTECT, related_name="inventory_entries"
    )
    unlisted_name = models.CharField(_("name of the unlisted solution"), max_length=200, blank=True)
    unlisted_url = models.URLField(_("address of the unlisted solution"), blank=True)
    unlisted_vendor = models.CharField(_("vendor of the unlisted solution"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    operating_model = models.CharField(_("operating model"), max_length=24, choices=OperatingModel.choices)
    operator_name = models.CharField(_("operator"), max_length=200, blank=True)
    shared_with = models.ManyToManyField(Municipality, blank=True, related_name="+",
                                         verbose_name=_("shared with"))
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["municipality__name", "id"]
        verbose_name = _("inventory entry")
        verbose_name_plural = _("inventory entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(solution__isnull=False) | ~models.Q(unlisted_name=""),
                name="inventory_names_a_solution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} @ {self.municipality_id}"

    @property
    def display_name(self) -> str:
        return self.solution.name if self.solution_id else self.unlisted_name


class Contact(models.Model):
    """A person of a municipality who agreed to be shown and/or contacted (DSGVO consent, revocable)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipal_contacts")
    function = models.CharField(_("function"), max_length=200, blank=True)
    show_publicly = models.BooleanField(_("show my name and function on the municipality page"), default=False)
    accepts_reuse_requests = models.BooleanField(_("forward reuse requests to me"), default=False)
    consented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "user"], name="one_contact_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.municipality_id}"


class ReuseRequest(models.Model):
    """Someone asks a municipality about its experience with a solution. The requester never sees the address."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="reuse_requests")
    solution = models.ForeignKey("solutions.Solution", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(max_length=3000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_to = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"reuse request {self.pk} to {self.municipality_id}"


class ExperienceReport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="reports")
    solution = models.ForeignKey("solutions.Solution", on_delete=models.PROTECT, related_name="experience_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("report"), max_length=10000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_note = models.CharField(_("moderation note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="report_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return self.title


class UrbanDataPlatform(models.Model):
    class CoUse(models.TextChoices):
        OPEN = "open", _("Open for co-use by other municipalities")
        ON_REQUEST = "on-request", _("Co-use on request")
        CLOSED = "closed", _("Not open for co-use")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="platforms")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    components = models.JSONField(_("components"), default=list, blank=True)
    standards = models.JSONField(_("standards supported"), default=list, blank=True)
    hosting = models.CharField(_("hosting"), max_length=24, choices=OperatingModel.choices)
    operator_name = models.CharField(_("operator"), max_length=200, blank=True)
    co_use = models.CharField(_("co-use"), max_length=12, choices=CoUse.choices, default=CoUse.ON_REQUEST)
    solution = models.ForeignKey("solutions.Solution", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("platform software"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("urban data platform")
        verbose_name_plural = _("urban data platforms")

    def __str__(self) -> str:
        return self.name


class Grouping(models.Model):
    """Inter-municipal cooperation: a shared service (one operator, several participants) or a regional grouping
    (Kreis, Land, or a free group such as the Modellprojekte Smart Cities)."""

    class Kind(models.TextChoices):
        SHARED_SERVICE = "shared-service", _("Shared service")
        REGION = "region", _("Regional grouping")
        MODEL_PROJECT = "model-project", _("Modellprojekt Smart Cities")

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    operator = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("operator / lead"))
    operator_name = models.CharField(_("operator / lead (without AGS)"), max_length=200, blank=True)
    solution = models.ForeignKey("solutions.Solution", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    members = models.ManyToManyField(Municipality, blank=True, related_name="groupings")
    round = models.PositiveSmallIntegerField(_("funding round"), null=True, blank=True)
    certain = models.BooleanField(_("facts verified"), default=True)
    source_note = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
