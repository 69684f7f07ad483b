"""The catalogue of base requirements (Basisanforderungen), its published versions and its governance.

A published version is immutable: the whole catalogue document is stored as validated, and its requirements are
denormalised into one row each for browsing and history. Database triggers refuse UPDATE and DELETE on both.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import vocab


class CatalogueVersion(models.Model):
    class Bump(models.TextChoices):
        INITIAL = "initial", _("Initial version")
        MAJOR = "major", _("Major")
        MINOR = "minor", _("Minor")
        PATCH = "patch", _("Patch")

    version = models.CharField(_("version"), max_length=20, unique=True)
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    patch = models.PositiveIntegerField()
    bump = models.CharField(_("kind of change"), max_length=10, choices=Bump.choices)
    document = models.JSONField(_("catalogue document"))
    document_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(_("published"))
    effective_from = models.DateField(_("effective from"))
    transition_until = models.DateField(_("transition period until"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-major", "-minor", "-patch"]
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        constraints = [models.UniqueConstraint(fields=["major", "minor", "patch"], name="unique_catalogue_semver")]

    def __str__(self) -> str:
        return self.version

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Published catalogue versions are immutable")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("requirements:version", args=[self.version])

    def delete(self, *args, **kwargs):
        raise ValueError("Published catalogue versions are immutable")

    def text(self, field: str, language: str) -> str:
        value = self.document.get(field) or {}
        return value.get(language) or value.get("de", "")


class RequirementRevision(models.Model):
    """One requirement as it reads in one catalogue version."""

    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="requirements")
    code = models.CharField(_("id"), max_length=20, db_index=True)
    category = models.CharField(_("category"), max_length=40, choices=list(vocab.CATEGORIES.items()))
    obligation = models.CharField(_("obligation"), max_length=4, choices=list(vocab.OBLIGATIONS.items()))
    title_de = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    review_by = models.DateField(_("review by"))
    data = models.JSONField()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue_version", "code"], name="unique_requirement_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.catalogue_version_id})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Requirements of a published catalogue version are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Requirements of a published catalogue version are immutable")


class CommitteeSeat(models.Model):
    """A term of office on the expert committee (Fachgremium)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    affiliation = models.CharField(_("affiliation"), max_length=200)
    declared_interests = models.TextField(_("declared interests"), blank=True, max_length=5000)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    ended_early_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "term_start", "id"]  # "chair" sorts before "member"
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__gt=models.F("term_start")), name="seat_term_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.term_start}–{self.term_end})"

    @property
    def last_day(self):
        return min(self.term_end, self.ended_early_on) if self.ended_early_on else self.term_end

    def sits_on(self, day) -> bool:
        return self.term_start <= day <= self.last_day


class Proposal(models.Model):
    """A proposed change to the catalogue: add, change or retire one requirement."""

    class Kind(models.TextChoices):
        ADD = "add", _("Add a requirement")
        CHANGE = "change", _("Change a requirement")
        RETIRE = "retire", _("Retire a requirement")

    class Status(models.TextChoices):
        COMMENTING = "commenting", _("Open for comments")
        VOTING = "voting", _("Voting")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PUBLISHED = "published", _("Published")

    number = models.PositiveIntegerField(_("number"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    requirement_code = models.CharField(_("requirement"), max_length=20, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    reasoning = models.TextField(_("reasoning"), max_length=10000)
    proposed = models.JSONField(_("proposed requirement"), null=True, blank=True)
    tightens = models.BooleanField(_("tightens the requirement"), default=False)
    base_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    comment_until = models.DateTimeField(_("comments until"))
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    quorum = models.CharField(_("quorum"), max_length=10, blank=True)
    majority = models.CharField(_("majority"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.COMMENTING)
    published_in = models.ForeignKey(
        CatalogueVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("requirements:proposal", args=[self.number])

    def in_comment_period(self, now=None) -> bool:
        return self.status == self.Status.COMMENTING and (now or timezone.now()) <= self.comment_until

    def voting_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.VOTING
            and self.voting_opens_at is not None
            and self.voting_opens_at <= now <= self.voting_closes_at
        )


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_label = models.CharField(max_length=200)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_reason = models.CharField(_("hidden because"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author_label} on #{self.proposal_id}"


class ConflictOfInterest(models.Model):
    """A committee member who declared (or was recorded with) a conflict on a proposal may not vote on it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="conflicts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="one_conflict_per_member")]

    def __str__(self) -> str:
        return f"conflict of {self.member_id} on #{self.proposal_id}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at", "id"]
        # The database, not only the service, makes a second vote impossible (concurrent requests included).
        constraints = [models.UniqueConstraint(fields=["proposal", "voter"], name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.choice} by {self.voter_id} on #{self.proposal_id}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    yes = models.PositiveIntegerField()
    no = models.PositiveIntegerField()
    abstain = models.PositiveIntegerField()
    eligible = models.PositiveIntegerField()
    quorum_met = models.BooleanField()
    majority_met = models.BooleanField()
    reasons = models.TextField(_("reasons"), max_length=10000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"#{self.proposal_id}: {self.outcome}"
