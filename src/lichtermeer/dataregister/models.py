"""The register of urban data: harvest sources, harvest runs, datasets with their validation results,
metadata quality and Musterdatenkatalog category, and labels confirmed by people (used for retraining).

A dataset belongs to the source it was harvested from and, through it, to the organisation and the
municipality (AGS). It is keyed by (source, identifier), so a re-run updates rows in place and never duplicates.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.models import Organisation
from lichtermeer.municipalities.models import Municipality


class Source(models.Model):
    class Kind(models.TextChoices):
        DCAT = "dcat", _("DCAT catalogue endpoint (RDF/XML, Turtle, JSON-LD; Hydra paging)")
        CKAN = "ckan", _("CKAN action API (package_search)")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=500)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="data_sources")
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="data_sources")
    schedule_hours = models.PositiveIntegerField(_("harvest every (hours)"), default=24)
    enabled = models.BooleanField(_("enabled"), default=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # For incremental runs: the newest `modified` seen at the last complete run.
    modified_watermark = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dataregister:source", args=[self.slug])

    def due(self, now=None) -> bool:
        now = now or timezone.now()
        return self.enabled and (self.last_started_at is None
                                 or (now - self.last_started_at).total_seconds() >= self.schedule_hours * 3600)


class HarvestRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("complete")
        PARTIAL = "partial", _("complete with errors")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    incremental_since = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    expected = models.PositiveIntegerField(null=True, blank=True)
    seen = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.source} #{self.pk} ({self.status})"


class Dataset(models.Model):
    class Category(models.TextChoices):
        REFERENCE = "reference", _("stated by the publisher (dct:references)")
        CLASSIFIER = "classifier", _("suggested by the classifier")
        CONFIRMED = "confirmed", _("confirmed by a person")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="datasets")
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="datasets")
    identifier = models.CharField(max_length=500)
    iri = models.CharField(max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    keywords = models.JSONField(default=list, blank=True)
    publisher = models.CharField(_("publisher"), max_length=500, blank=True)
    license = models.CharField(_("licence"), max_length=500, blank=True)
    formats = models.JSONField(default=list, blank=True)
    distributions = models.JSONField(default=list, blank=True)
    landing_page = models.CharField(max_length=1000, blank=True)
    issued = models.CharField(max_length=40, blank=True)
    modified = models.CharField(max_length=40, blank=True)
    rdf = models.TextField(help_text="the dataset's own RDF as harvested (N-Triples)")
    content_hash = models.CharField(max_length=64)
    first_seen_at = models.DateTimeField(default=timezone.now)
    harvested_at = models.DateTimeField(default=timezone.now)
    last_run = models.ForeignKey(HarvestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    violations = models.PositiveIntegerField(default=0)
    shacl_warnings = models.PositiveIntegerField(default=0)
    quality_total = models.PositiveIntegerField(default=0)
    quality_band = models.CharField(max_length=12, blank=True, db_index=True)
    quality = models.JSONField(default=dict, blank=True)

    mdk_uri = models.CharField(max_length=300, blank=True, db_index=True)
    mdk_thema = models.CharField(max_length=200, blank=True, db_index=True)
    mdk_bezeichnung = models.CharField(max_length=200, blank=True)
    mdk_confidence = models.FloatField(default=0)
    mdk_source = models.CharField(max_length=12, choices=Category.choices, blank=True)
    mdk_needs_confirmation = models.BooleanField(default=False)
    mdk_explanation = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["source", "identifier"], name="one_dataset_per_identifier")]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dataregister:dataset", args=[self.pk])


class ValidationResult(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="validation_results")
    resource = models.CharField(max_length=1000, blank=True)  # the dataset or distribution the focus belongs to
    focus = models.CharField(max_length=1000)
    path = models.CharField(max_length=500, blank=True)
    component = models.CharField(max_length=200)
    severity = models.CharField(max_length=100)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.focus} {self.path}"


class ConfirmedLabel(models.Model):
    """A person confirmed or corrected a dataset's category; the classifier trains on these too."""

    dataset = models.ForeignKey(Dataset, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=1000)
    description = models.TextField(blank=True)
    uri = models.CharField(max_length=300)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.title} → {self.uri}"
