"""The archive: sessions of bodies, their documents, resolutions and paragraphs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, ExtractYear, Greatest
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from arabic import to_western_digits
from archive.ingest import places, records
from archive.ingest.metadata import looks_like_file_name
from archive.ingest.parser import BINARY_ENCODINGS


def get_language_code() -> str:
    """The active interface language without its region ("en" for "en-gb")."""
    return (get_language() or "ar").split("-")[0]


class Body(models.TextChoices):
    OIC_CFM = records.OIC_CFM, gettext_lazy("مجلس وزراء خارجية منظمة التعاون الإسلامي")
    OIC_SUMMIT = records.OIC_SUMMIT, gettext_lazy("مؤتمر القمة الإسلامي")
    UNGA = records.UNGA, gettext_lazy("الجمعية العامة للأمم المتحدة")
    UNSC = records.UNSC, gettext_lazy("مجلس الأمن التابع للأمم المتحدة")
    OTHER = records.OTHER, gettext_lazy("هيئة أخرى")


class Organ(models.TextChoices):
    """Bodies filed under Body.OTHER, by the code the ingest gives them (Session.organ)."""

    PUIC = "puic", gettext_lazy("اتحاد مجالس الدول الأعضاء في منظمة التعاون الإسلامي")
    ARAB_LEAGUE = "arab-league", gettext_lazy("مجلس جامعة الدول العربية")


# Short names of bodies and organs, for lists where a session number alone would be ambiguous (a search
# facet holding both CFM 38 and UNGA 38, or a session of an organ the body facet calls only "هيئة أخرى").
SHORT_NAMES = {
    Body.OIC_CFM: gettext_lazy("وزراء الخارجية"),
    Body.OIC_SUMMIT: gettext_lazy("القمة الإسلامية"),
    Body.UNGA: gettext_lazy("الجمعية العامة"),
    Body.UNSC: gettext_lazy("مجلس الأمن"),
    Organ.PUIC: gettext_lazy("الاتحاد البرلماني الإسلامي"),
    Organ.ARAB_LEAGUE: gettext_lazy("جامعة الدول العربية"),
}


class DocumentKind(models.TextChoices):
    RESOLUTION = records.RESOLUTION, gettext_lazy("قرار")
    DECLARATION = records.DECLARATION, gettext_lazy("إعلان")
    COMMUNIQUE = records.COMMUNIQUE, gettext_lazy("بيان ختامي")
    LETTER = records.LETTER, gettext_lazy("رسالة")
    REPORT = records.REPORT, gettext_lazy("تقرير")
    SPEECH = records.SPEECH, gettext_lazy("كلمة")
    OTHER = records.OTHER_KIND, gettext_lazy("وثيقة أخرى")


class ParagraphKind(models.TextChoices):
    PREAMBULAR = records.PREAMBULAR, gettext_lazy("فقرة ديباجة")
    OPERATIVE = records.OPERATIVE, gettext_lazy("فقرة منطوق")
    HEADING = records.HEADING, gettext_lazy("عنوان")
    SIGNATURE = records.SIGNATURE, gettext_lazy("توقيع")
    OTHER = records.OTHER_PARAGRAPH, gettext_lazy("فقرة")


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate document_count and resolution_count (one query for a whole list)."""
        documents = Document.sessions.through.objects.filter(session=models.OuterRef("pk"))
        resolutions = Resolution.objects.filter(session=models.OuterRef("pk"))
        return self.annotate(
            document_count=_count(documents),
            resolution_count=_count(resolutions),
        )


def _count(queryset) -> Coalesce:
    """COUNT(*) of a queryset filtered on OuterRef("pk") by a field named session, as a subquery."""
    counted = queryset.order_by().values("session").annotate(n=models.Count("pk")).values("n")
    return Coalesce(models.Subquery(counted), 0)


# Document columns that can be megabytes each (the source file as uploaded and the text extracted from a
# PDF or .docx, up to QARARAT_MAX_UPLOAD_BYTES). Lists of documents, and paragraphs or resolutions fetched
# with their document, leave them out: 66,000 paragraphs of a 20 MB file each dragging a copy of the file
# along made indexing that file need 24 GB. Reading a deferred field still works (one query).
LARGE_DOCUMENT_FIELDS = ("raw", "text")


def _without_large_document_fields(queryset: models.QuerySet, path: str) -> models.QuerySet:
    return queryset.defer(*(f"{path}{name}" for name in LARGE_DOCUMENT_FIELDS))


class DocumentQuerySet(models.QuerySet):
    def light(self):
        """Documents without their source bytes and extracted text."""
        return _without_large_document_fields(self, "")

    def with_modified_at(self):
        """Annotate `modified_at`: when the document last changed, its upload or its latest entry in the audit
        trail (an edit, a re-parse, a change to one of its paragraphs or resolutions: every entry about the
        document or a part of it carries the document's checksum). What OAI-PMH datestamps and feeds read."""
        latest = (
            AuditEntry.objects.filter(checksum=models.OuterRef("checksum"))
            .order_by()
            .values("checksum")
            .annotate(latest=models.Max("created_at"))
            .values("latest")
        )
        changed = Coalesce(models.Subquery(latest, output_field=models.DateTimeField()), models.F("created_at"))
        return self.annotate(modified_at=Greatest("created_at", changed))


class ResolutionQuerySet(models.QuerySet):
    def with_document(self):
        """Resolutions with their session and document (not the document's large fields) in one query."""
        return _without_large_document_fields(self.select_related("session", "document"), "document__")


class ParagraphQuerySet(models.QuerySet):
    def with_document(self, *related: str):
        """Paragraphs with their document (not its large fields) and any other relations, in one query."""
        return _without_large_document_fields(self.select_related("document", *related), "document__")


class Session(models.Model):
    body = models.CharField(gettext_lazy("الهيئة"), max_length=16, choices=Body.choices)
    # For Body.OTHER: which organisation (e.g. "puic"); part of the slug.
    organ = models.CharField(gettext_lazy("المنظمة"), max_length=40, blank=True)
    number = models.PositiveIntegerField(gettext_lazy("رقم الدورة"), null=True, blank=True)
    extraordinary = models.BooleanField(gettext_lazy("استثنائية"), default=False)
    slug = models.SlugField(gettext_lazy("المعرّف في الروابط"), max_length=80, unique=True, allow_unicode=False)
    theme = models.CharField(gettext_lazy("الشعار"), max_length=300, blank=True)
    place_printed = models.CharField(gettext_lazy("المكان كما طُبع"), max_length=200, blank=True)
    place = models.CharField(
        gettext_lazy("المكان"), max_length=100, blank=True, help_text=gettext_lazy("بالإملاء المعتمد")
    )
    country = models.CharField(gettext_lazy("البلد"), max_length=100, blank=True)
    start_date = models.DateField(gettext_lazy("تاريخ البداية"), null=True, blank=True)
    end_date = models.DateField(gettext_lazy("تاريخ النهاية"), null=True, blank=True)
    hijri_start = models.CharField(
        gettext_lazy("بداية الدورة بالهجري"), max_length=10, blank=True, help_text=gettext_lazy("YYYY-MM-DD (هجري)")
    )
    hijri_end = models.CharField(
        gettext_lazy("نهاية الدورة بالهجري"), max_length=10, blank=True, help_text=gettext_lazy("YYYY-MM-DD (هجري)")
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("الدورة")
        verbose_name_plural = gettext_lazy("الدورات")
        ordering = ["body", "organ", "extraordinary", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organ", "number", "extraordinary"], name="session_unique_per_body"
            ),
        ]
        indexes = [
            # The home page and the API list sessions body by body.
            models.Index(fields=["body", "number"], name="session_body_number_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("archive:session-detail", args=[self.slug])

    @property
    def body_name(self) -> str:
        """Who met, in the interface language: the organ's name for Body.OTHER (its code only when unknown)."""
        if self.body == Body.OTHER and self.organ:
            return str(Organ(self.organ).label) if self.organ in Organ.values else self.organ
        return str(Body(self.body).label)

    @property
    def body_short_name(self) -> str:
        """"وزراء الخارجية", "الجمعية العامة": the body as a qualifier in short lists; else its full name."""
        key = self.organ if self.body == Body.OTHER and self.organ else self.body
        return str(SHORT_NAMES[key]) if key in SHORT_NAMES else self.body_name

    @property
    def place_name(self) -> str:
        """Where the session met, in the interface language: "Astana" on an English page when the gazetteer
        knows the city, else the Arabic canonical (or printed) spelling."""
        arabic = self.place or self.place_printed
        if arabic and get_language_code() == "en":
            return places.english_place(arabic) or arabic
        return arabic

    @property
    def place_name_is_arabic(self) -> bool:
        """Whether place_name is in Arabic script (an English page marks it lang="ar")."""
        return bool(self.place_name) and self.place_name == (self.place or self.place_printed)

    @property
    def country_name(self) -> str:
        """The host country in the interface language, where the gazetteer knows it."""
        if self.country and get_language_code() == "en":
            return places.english_country(self.country) or self.country
        return self.country

    @property
    def year(self) -> int | None:
        """The year the session met: its start date's, else what its number says (a General Assembly
        session N opens in September of 1945 + N; a Security Council "session" is a year). Kept in step
        with `session_year()`, the same rule as a database expression."""
        if self.start_date:
            return self.start_date.year
        if self.number is not None and self.body == Body.UNGA:
            return 1945 + self.number
        if self.number is not None and self.body == Body.UNSC:
            return self.number
        return None

    @property
    def title(self) -> str:
        """The body and the session, in the interface language: "… — الدورة 38"."""
        if self.number is None:
            return self.body_name
        return f"{self.body_name} — {self.short_title}"

    @property
    def short_title(self) -> str:
        """The session without its body ("الدورة 38"), for lists already grouped by body."""
        if self.number is None:
            return self.body_name
        if self.body == Body.UNSC:
            # The Council has no numbered sessions; its resolutions are grouped by year.
            return _("قرارات عام %(year)s") % {"year": self.number}
        if self.extraordinary:
            return _("الدورة الاستثنائية %(number)s") % {"number": self.number}
        return _("الدورة %(number)s") % {"number": self.number}

    @property
    def title_under_body(self) -> str:
        """The session in a list under its body's heading: short, unless the heading ("هيئة أخرى") does not
        name the organ that met."""
        return self.title if self.body == Body.OTHER and self.organ else self.short_title

    @staticmethod
    def make_slug(body: str, number: int | None, extraordinary: bool = False, organ: str = "") -> str:
        parts = [body]
        if organ:
            parts.append(organ)
        if extraordinary:
            parts.append("ext")
        parts.append(str(number) if number is not None else "unnumbered")
        return "-".join(parts)


def session_year(prefix: str = "") -> models.Expression:
    """Session.year as a database expression over the session at `prefix` ("" or "sessions__" …)."""
    number = models.F(f"{prefix}number")
    return Coalesce(
        ExtractYear(f"{prefix}start_date"),
        models.Case(
            models.When(**{f"{prefix}body": Body.UNGA}, then=number + 1945),
            models.When(**{f"{prefix}body": Body.UNSC}, then=number),
            default=None,
            output_field=models.IntegerField(),
        ),
    )


def document_year(document_field: str = "") -> models.Expression:
    """Document.year as a database expression (for filters and facets over paragraphs: "document__")."""
    earliest = (
        Session.objects.filter(documents=models.OuterRef(f"{document_field}pk" if document_field else "pk"))
        .annotate(year=session_year())
        .filter(year__isnull=False)
        .order_by("year")
        .values("year")[:1]
    )
    return Coalesce(
        ExtractYear(f"{document_field}date"),
        models.F(f"{document_field}issued_year"),
        models.Subquery(earliest, output_field=models.IntegerField()),
        output_field=models.IntegerField(),
    )


class Document(models.Model):
    title = models.CharField(gettext_lazy("العنوان"), max_length=500)
    kind = models.CharField(
        gettext_lazy("النوع"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    symbol = models.CharField(gettext_lazy("الرمز"), max_length=100, blank=True)
    date = models.DateField(gettext_lazy("التاريخ"), null=True, blank=True)
    # The year a document without a date or a session was issued, where its source says (a UN symbol's year,
    # E/RES/2014/31, or the year the UN Parallel Corpus files it under): the year facet and filter count it.
    issued_year = models.PositiveSmallIntegerField(gettext_lazy("سنة الإصدار"), null=True, blank=True)
    sessions = models.ManyToManyField(
        Session, verbose_name=gettext_lazy("الدورات"), related_name="documents", blank=True
    )
    source_name = models.CharField(
        gettext_lazy("اسم الملف"), max_length=255, help_text=gettext_lazy("اسم الملف كما أُدخل")
    )
    source_url = models.URLField(gettext_lazy("رابط المصدر"), max_length=1000, blank=True)
    # The archive holds only part of the document (an imported corpus gives a few of its sentences).
    excerpt = models.BooleanField(gettext_lazy("مقتطف"), default=False)
    source_format = models.CharField(gettext_lazy("صيغة المصدر"), max_length=40, blank=True)
    raw = models.BinaryField(gettext_lazy("الملف الأصلي"), help_text=gettext_lazy("ملف المصدر كما هو، بايتًا بايتًا"))
    # For a PDF or .docx (encoding "pdf"/"docx"): the text extracted from it, what raw.txt shows.
    text = models.TextField(
        gettext_lazy("النص المستخرج"), blank=True, help_text=gettext_lazy("النص المستخرج من ملف PDF أو Word")
    )
    encoding = models.CharField(gettext_lazy("الترميز"), max_length=40)
    checksum = models.CharField(
        gettext_lazy("البصمة"), max_length=64, help_text=gettext_lazy("بصمة SHA-256 للملف الأصلي")
    )
    parser_version = models.CharField(gettext_lazy("إصدار المحلل"), max_length=20)
    warnings = models.JSONField(gettext_lazy("ملاحظات المعالجة"), default=list, blank=True)
    # What the admin said at upload (body, session, symbol, date, source URL); re-applied on re-parse.
    overrides = models.JSONField(gettext_lazy("قيم المشرف"), default=dict, blank=True)
    created_at = models.DateTimeField(gettext_lazy("تاريخ الإضافة"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("الوثيقة")
        verbose_name_plural = gettext_lazy("الوثائق")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checksum"], name="document_unique_checksum"),
        ]
        indexes = [
            # Session pages and the API list a session's documents by kind and date.
            models.Index(fields=["kind", "date"], name="document_kind_date_idx"),
            # Symbol look-ups (A/RES/69/131) from search, citations and imports.
            models.Index(fields=["symbol"], name="document_symbol_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("archive:document-detail", args=[self.pk])

    @property
    def year(self) -> int | None:
        """The year a reader files the document under: its date's, else the year it was issued (an imported
        UN document without a session), else its earliest session's (most undated documents are pages of a
        session's proceedings). `document_year()` in the database."""
        if self.date:
            return self.date.year
        if self.issued_year:
            return self.issued_year
        years = [session.year for session in self.sessions.all() if session.year is not None]
        return min(years) if years else None

    @property
    def display_title(self) -> str:
        """The title a reader sees: the one read from the source, unless a file name stood in for it
        ("002_393cbb48b9883689.txt"), then its UN symbol, else what it is and where it belongs
        ("بيان ختامي — … الدورة 38"), in the interface language."""
        if self.title and self.title != self.source_name and not looks_like_file_name(self.title):
            return self.title
        if self.symbol:
            return self.symbol
        sessions = list(self.sessions.all())
        kind = str(self.get_kind_display())
        return f"{kind} — {sessions[0].title}" if sessions else kind

    @property
    def source_host(self) -> str:
        """The site the source came from ("www.muqatel.com"), to name its link."""
        return urlsplit(self.source_url).hostname or self.source_url

    @property
    def raw_text(self) -> str:
        """The source as text: the decoded bytes, or the text extracted from a PDF or a .docx."""
        if self.encoding in BINARY_ENCODINGS:
            return self.text
        return bytes(self.raw).decode(self.encoding)

    def linked_resolutions(self) -> models.QuerySet:
        """Resolutions this document starts or continues (a page 2 links to a page 1's resolution)."""
        return (
            Resolution.objects.filter(models.Q(document=self) | models.Q(paragraphs__document=self))
            .distinct()
            .order_by("id")
        )


class Resolution(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=gettext_lazy("الدورة"), on_delete=models.CASCADE, related_name="resolutions"
    )
    document = models.ForeignKey(
        Document, verbose_name=gettext_lazy("الوثيقة"), on_delete=models.CASCADE, related_name="resolutions"
    )
    number = models.CharField(
        gettext_lazy("الرقم"), max_length=40, help_text=gettext_lazy("بالصيغة المعتمدة: 32/38-س، 52/4، 242 (1967)")
    )
    printed_number = models.CharField(gettext_lazy("الرقم كما طُبع"), max_length=80, blank=True)
    subject = models.CharField(gettext_lazy("الموضوع"), max_length=500, blank=True)
    category = models.CharField(gettext_lazy("الفئة"), max_length=10, blank=True)
    series = models.ForeignKey(
        "ResolutionSeries",
        verbose_name=gettext_lazy("السلسلة"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    # An admin placed it in its series (merge or split): automatic grouping leaves it there.
    series_fixed = models.BooleanField(gettext_lazy("سلسلة حددها المشرف"), default=False)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("قرار")
        verbose_name_plural = gettext_lazy("القرارات")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="resolution_unique_in_session"),
        ]
        indexes = [
            # Resolution-number look-ups ("32/38-س") from search and the API.
            models.Index(fields=["number"], name="resolution_number_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}".strip()

    def get_absolute_url(self):
        return reverse("archive:resolution-detail", args=[self.pk])

    def reading_order(self) -> models.QuerySet:
        """Its paragraphs as they are read: file by file (a resolution may continue in another), in order."""
        return self.paragraphs.with_document().order_by("document__date", "document_id", "position")

    @property
    def sort_key(self) -> tuple:
        """Reading order within a session: 2/38-س before 10/38-س, numbers before what has none."""
        numbers = [int(n) for n in re.findall(r"\d+", to_western_digits(self.number))]
        return (not numbers, numbers, self.number, self.pk or 0)


class Paragraph(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=gettext_lazy("الوثيقة"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=gettext_lazy("القرار"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="paragraphs",
    )
    position = models.PositiveIntegerField(gettext_lazy("الترتيب في الوثيقة"))
    number = models.CharField(
        gettext_lazy("الرقم"), max_length=20, blank=True, help_text=gettext_lazy("كما طُبع: 1، ٥، (أ)")
    )
    kind = models.CharField(
        gettext_lazy("النوع"), max_length=16, choices=ParagraphKind.choices, default=ParagraphKind.OTHER
    )
    text = models.TextField(gettext_lazy("النص"))
    # The paragraph in English where a parallel text gives it (an imported bitext).
    text_en = models.TextField(gettext_lazy("النص الإنجليزي"), blank=True)

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("فقرة")
        verbose_name_plural = gettext_lazy("الفقرات")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="paragraph_unique_position"),
        ]

    def __str__(self):
        return f"{self.document_id}#{self.position}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"p-{self.position}"


class ResolutionSeries(models.Model):
    """Resolutions of one body on one subject, re-adopted session after session."""

    body = models.CharField(gettext_lazy("الهيئة"), max_length=16, choices=Body.choices)
    # The normalised subject the automatic grouping keys on.
    key = models.CharField(gettext_lazy("المفتاح"), max_length=300)
    title = models.CharField(gettext_lazy("العنوان"), max_length=500)

    class Meta:
        verbose_name = gettext_lazy("سلسلة قرارات")
        verbose_name_plural = gettext_lazy("سلاسل القرارات")
        ordering = ["body", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="series_unique_key_in_body"),
        ]

    def __str__(self):
        return self.title


class Citation(models.Model):
    """A resolution cited in a paragraph, as printed, and the archive's resolution when it holds it."""

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=gettext_lazy("الفقرة"), on_delete=models.CASCADE, related_name="citations"
    )
    # Where in the paragraph's text the citation is printed (character offsets), for links in the text.
    start = models.PositiveIntegerField(gettext_lazy("البداية"))
    end = models.PositiveIntegerField(gettext_lazy("النهاية"))
    printed = models.CharField(gettext_lazy("كما طُبع"), max_length=200)
    # The cited resolution's canonical number (32/38-س, 52/4, 450 (1979)) and body, as read.
    number = models.CharField(gettext_lazy("الرقم"), max_length=40)
    body = models.CharField(gettext_lazy("الهيئة"), max_length=16, choices=Body.choices, blank=True)
    # The UN symbol where one follows from the number (A/RES/52/4, S/RES/450 (1979)).
    symbol = models.CharField(gettext_lazy("الرمز"), max_length=100, blank=True)
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=gettext_lazy("القرار المستشهد به"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
    )

    class Meta:
        verbose_name = gettext_lazy("استشهاد")
        verbose_name_plural = gettext_lazy("الاستشهادات")
        ordering = ["paragraph", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "start"], name="citation_unique_position"),
        ]
        indexes = [
            models.Index(fields=["body", "number"], name="citation_body_number_idx"),
        ]

    def __str__(self):
        return f"{self.paragraph_id}: {self.printed}"


class AuditAction(models.TextChoices):
    UPLOAD = "upload", gettext_lazy("رفع")
    ADD = "add", gettext_lazy("إضافة")
    EDIT = "edit", gettext_lazy("تعديل")
    DELETE = "delete", gettext_lazy("حذف")
    REPARSE = "reparse", gettext_lazy("إعادة التحليل")


class AuditEntry(models.Model):
    """Who uploaded, edited, deleted or re-parsed what, and when; written in the change's transaction."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("المستخدم"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # Kept as text so that the trail outlives a deleted user.
    username = models.CharField(gettext_lazy("اسم المستخدم"), max_length=150, blank=True)
    action = models.CharField(gettext_lazy("الإجراء"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(
        gettext_lazy("نوع الكائن"), max_length=40, help_text="archive.document, archive.paragraph …"
    )
    object_id = models.CharField(gettext_lazy("معرّف الكائن"), max_length=40, blank=True)
    object_label = models.CharField(gettext_lazy("الكائن"), max_length=300, blank=True)
    checksum = models.CharField(
        gettext_lazy("البصمة"), max_length=64, blank=True, help_text=gettext_lazy("بصمة SHA-256 لملف الوثيقة الأصلي")
    )
    details = models.JSONField(gettext_lazy("التفاصيل"), default=dict, blank=True)
    created_at = models.DateTimeField(gettext_lazy("الوقت"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("قيد في سجل التغييرات")
        verbose_name_plural = gettext_lazy("سجل التغييرات")
        indexes = [
            # The admin's "history of this object" filter.
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username or '-'} {self.get_action_display()} {self.object_label}"

    @classmethod
    def record(cls, user, action: str, obj: models.Model, details: dict | None = None) -> AuditEntry:
        """One entry about obj (call it inside the change's transaction, before a delete)."""
        document = obj if isinstance(obj, Document) else getattr(obj, "document", None)
        authenticated = user is not None and user.is_authenticated
        return cls.objects.create(
            user=user if authenticated else None,
            username=user.get_username() if authenticated else "",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk or ""),
            object_label=str(obj)[:300],
            checksum=document.checksum if isinstance(document, Document) else "",
            details=details or {},
        )
