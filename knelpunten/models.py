"""Models of knelpunten: a signal from practice about what is stuck, its linked lessons and
its status history.

Lessons are linked through `KnelpuntLesson`, an ordered child relation edited with a
searchable page chooser in the admin.

Every status change writes a `StatusWijziging` row in `Knelpunt.save`, whichever path made
the change (the report form, `services.change_status`, the Wagtail admin), so the audit trail
cannot be skipped by a caller that forgot it. Who made the change is handed over by setting
`knelpunt.status_changed_by` before saving.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Status(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in-behandeling", _("In behandeling")
    OPGELOST = "opgelost", _("Opgelost")
    LOKALE_STUURGROEP = "lokale-stuurgroep", _("Doorgezet naar lokale stuurgroep")
    BESTUURLIJK_OVERLEG = "bestuurlijk-overleg", _("Doorgezet naar bestuurlijk overleg")
    LANDELIJK = "landelijk", _("Doorgezet naar landelijk niveau")


class Knelpunt(ClusterableModel):
    """A bottleneck reported by a professional: what is stuck, where, and what would help."""

    titel = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("In één zin: wat loopt er vast?"),
    )
    wat_zit_vast = models.TextField(
        _("wat zit vast"),
        help_text=_(
            "Beschrijf de situatie. Noem geen namen, adressen of andere gegevens van bewoners."
        ),
    )
    gebied = models.ForeignKey(
        "kennisbank.Gebied",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knelpunten",
    )
    gemeente = models.ForeignKey(
        "kennisbank.Gemeente",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knelpunten",
    )
    organisaties = models.ManyToManyField(
        "kennisbank.Organisatie",
        verbose_name=_("betrokken organisaties"),
        blank=True,
        related_name="knelpunten",
    )
    regeling = models.CharField(
        _("regel of regeling"),
        max_length=200,
        blank=True,
        help_text=_("Welke regel, regeling of afspraak speelt een rol? Bijvoorbeeld een subsidie."),
    )
    wat_zou_helpen = models.TextField(
        _("wat zou helpen"),
        blank=True,
        help_text=_("Wat zou het knelpunt oplossen of kleiner maken?"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.NIEUW, db_index=True
    )
    toelichting = models.TextField(
        _("openbare toelichting"),
        blank=True,
        help_text=_(
            "Korte uitleg voor de melder en, als het knelpunt openbaar is, voor iedereen: "
            "wat is er gedaan of besloten?"
        ),
    )
    openbaar = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Ook zichtbaar voor bezoekers die niet zijn ingelogd (zonder de melder)."),
    )
    melder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("melder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knelpunten",
    )
    aangemeld_op = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    status_gewijzigd_op = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    # Edited in the admin as the ordered child relation `lesson_links` (a searchable page
    # chooser); `lessen` reads the same rows as a plain relation to the lessons.
    lessen = models.ManyToManyField(
        "lessons.LessonPage",
        verbose_name=_("lessen"),
        blank=True,
        related_name="knelpunten",
        through="knelpunten.KnelpuntLesson",
        help_text=_("De lessen die uit dit knelpunt zijn voortgekomen of het beantwoorden."),
    )

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-aangemeld_op", "-pk"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The status as loaded from the database, to detect a change on save.
        self._saved_status = None if self._state.adding else self.status
        # A new signal's status dates from its report, unless the caller set a date: keep
        # the default value to recognise it on the first save.
        self._default_status_date = (
            None if "status_gewijzigd_op" in kwargs else self.__dict__.get("status_gewijzigd_op")
        )
        self.status_changed_by = None
        self.status_changed_at = None
        self.last_status_change = None  # the audit row written by the latest save, if any

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._saved_status = self.__dict__.get("status")

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("knelpunten:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        self.last_status_change = None
        previous = self._saved_status
        changed = (
            previous is not None
            and previous != self.status
            and (update_fields is None or "status" in update_fields)
        )
        if changed:
            self.status_gewijzigd_op = self.status_changed_at or timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "status_gewijzigd_op"}
        elif self._state.adding and self.status_gewijzigd_op is self._default_status_date:
            # Also for back-dated demo data: the status is as old as the report.
            self.status_gewijzigd_op = self.status_changed_at or self.aangemeld_op
        with transaction.atomic():
            super().save(*args, **kwargs)
            if changed:
                self.last_status_change = StatusWijziging.objects.create(
                    knelpunt=self,
                    van=previous,
                    naar=self.status,
                    door=self.status_changed_by,
                    op=self.status_gewijzigd_op,
                )
        if update_fields is None or "status" in update_fields:
            self._saved_status = self.status
        self.status_changed_by = None
        self.status_changed_at = None


class KnelpuntLesson(Orderable):
    """One lesson linked to a knelpunt, in the order the editor chose.

    The through table of `Knelpunt.lessen` and the child relation the admin's lesson chooser
    edits; it keeps the table of the former plain many-to-many relation (no data moved).
    """

    knelpunt = ParentalKey(
        Knelpunt,
        verbose_name=_("knelpunt"),
        on_delete=models.CASCADE,
        related_name="lesson_links",
    )
    les = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("les"),
        on_delete=models.CASCADE,
        related_name="knelpunt_links",
        db_column="lessonpage_id",
    )

    class Meta(Orderable.Meta):
        db_table = "knelpunten_knelpunt_lessen"
        verbose_name = _("gekoppelde les")
        verbose_name_plural = _("gekoppelde lessen")
        unique_together = [("knelpunt", "les")]

    def __str__(self):
        return f"{self.knelpunt}: {self.les}"


class StatusWijziging(models.Model):
    """One status change of a knelpunt: who, when, from which status to which."""

    knelpunt = models.ForeignKey(
        Knelpunt,
        verbose_name=_("knelpunt"),
        on_delete=models.CASCADE,
        related_name="statuswijzigingen",
    )
    van = models.CharField(_("van"), max_length=30, choices=Status.choices)
    naar = models.CharField(_("naar"), max_length=30, choices=Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.knelpunt}: {self.get_van_display()} → {self.get_naar_display()}"
