"""Upload safety for documents and images: size limits, type by content, no SVG, no bombs.

Wagtail builds its document and image forms (single upload, multiple upload, choosers) on
the base forms named in settings; these two base forms add the checks:

    WAGTAILDOCS_DOCUMENT_FORM_BASE = "kennisbank.uploads.SafeDocumentForm"
    WAGTAILIMAGES_IMAGE_FORM_BASE = "kennisbank.uploads.SafeImageForm"

Every refusal is a form error with a Dutch sentence that says why and what to do. A refused
upload never reaches the database or the storage: validation runs before anything is saved.
"""

import os
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Main content types that identify an Office Open XML file, per extension.
OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"csv", "txt"}
# A zip that unpacks to more than this, or holds more entries, is refused (zip bombs).
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
SNIFF_BYTES = 8192


def _read_head(f, size=SNIFF_BYTES) -> bytes:
    f.seek(0)
    head = f.read(size)
    f.seek(0)
    return head


def _looks_like_svg_or_html(head: bytes) -> bool:
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        sample.startswith((b"<svg", b"<!doctype html", b"<html", b"<script"))
        or (sample.startswith(b"<?xml") and b"<svg" in head.lower())
        or b"<svg" in sample[:512]
    )


def _size_text() -> str:
    return filesizeformat(getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 0))


# --- documents -------------------------------------------------------------------------------


def check_pdf(f) -> None:
    """A real PDF that opens without a password. Damaged-but-readable files pass (see tasks)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    head = _read_head(f, 1024)
    if b"%PDF-" not in head:
        raise ValidationError(
            _(
                "Dit bestand heet .pdf maar is geen PDF. Sla het opnieuw op als PDF en "
                "upload het nog eens."
            ),
            code="not_pdf",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(f, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _(
                        "Deze PDF is beveiligd met een wachtwoord. Bezoekers kunnen hem dan "
                        "niet openen; upload een versie zonder wachtwoord."
                    ),
                    code="pdf_encrypted",
                )
            len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ValidationError(
            _(
                "Deze PDF is beschadigd en kan niet worden gelezen. Sla het bestand opnieuw "
                "op als PDF en upload het nog eens."
            ),
            code="pdf_corrupt",
        ) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged input
        raise ValidationError(
            _("Deze PDF kan niet worden gelezen. Sla het bestand opnieuw op als PDF."),
            code="pdf_corrupt",
        ) from exc
    finally:
        f.seek(0)


def _open_zip(f, label: str) -> zipfile.ZipFile:
    not_office = ValidationError(
        _(
            "Dit bestand heet .%(ext)s maar is geen geldig %(label)s-bestand. Sla het opnieuw "
            "op vanuit het programma waarmee het is gemaakt."
        )
        % {"ext": label.lower(), "label": label.upper()},
        code="not_office",
    )
    if not _read_head(f, 4).startswith(b"PK\x03\x04"):
        raise not_office
    try:
        archive = zipfile.ZipFile(f)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_office from exc
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("Dit bestand pakt uit tot een onredelijk grote omvang en wordt geweigerd."),
            code="zip_bomb",
        )
    return archive


def check_ooxml(f, ext: str) -> None:
    try:
        archive = _open_zip(f, ext)
        try:
            types = archive.read("[Content_Types].xml")
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise ValidationError(
                _("Dit bestand heet .%(ext)s maar mist de inhoud van een Office-bestand.")
                % {"ext": ext},
                code="not_office",
            ) from exc
        if OOXML_TYPES[ext].encode() not in types:
            raise ValidationError(
                _(
                    "Dit bestand heet .%(ext)s maar is een ander soort Office-bestand (of "
                    "bevat macro's). Sla het op als gewoon .%(ext)s-bestand."
                )
                % {"ext": ext},
                code="wrong_office_type",
            )
    finally:
        f.seek(0)


def check_odf(f, ext: str) -> None:
    try:
        archive = _open_zip(f, ext)
        try:
            mimetype = archive.read("mimetype").strip()
        except (KeyError, zipfile.BadZipFile, OSError):
            mimetype = b""
        if mimetype != ODF_TYPES[ext]:
            raise ValidationError(
                _("Dit bestand heet .%(ext)s maar is geen OpenDocument-bestand van die soort.")
                % {"ext": ext},
                code="not_odf",
            )
    finally:
        f.seek(0)


def check_text(f, ext: str) -> None:
    head = _read_head(f, 65536)
    if b"\x00" in head or _looks_like_svg_or_html(head):
        raise ValidationError(
            _("Dit bestand heet .%(ext)s maar bevat geen gewone tekst.") % {"ext": ext},
            code="not_text",
        )


def check_document_file(f) -> None:
    """Raise ValidationError unless `f`'s content matches its (allowed) extension."""
    ext = os.path.splitext(f.name)[1].lower().lstrip(".")
    allowed = [e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [])]
    if ext not in allowed:
        raise ValidationError(
            _("Bestanden van het type .%(ext)s zijn niet toegestaan. Toegestaan zijn: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(allowed)},
            code="extension_not_allowed",
        )
    if f.size == 0:
        raise ValidationError(_("Dit bestand is leeg."), code="empty")
    if ext == "pdf":
        check_pdf(f)
    elif ext in OOXML_TYPES:
        check_ooxml(f, ext)
    elif ext in ODF_TYPES:
        check_odf(f, ext)
    elif ext in TEXT_EXTENSIONS:
        check_text(f, ext)
    else:
        raise ValidationError(
            _("Bestanden van het type .%(ext)s kunnen niet worden gecontroleerd.") % {"ext": ext},
            code="unchecked_type",
        )


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form plus the content checks of `check_document_file`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            field.error_messages["file_too_large"] = _(
                "Dit bestand is te groot (%(file_size)s). Het maximum is %(max_filesize)s; "
                "verklein het bestand of splits het op."
            )
            field.error_messages["file_too_large_unknown_size"] = _(
                "Dit bestand is te groot. Het maximum is %(max)s."
            ) % {"max": _size_text()}

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and "file" in self.changed_data:
            check_document_file(f)
        return f


# --- images ----------------------------------------------------------------------------------


def enforce_pillow_pixel_limit() -> None:
    """Make Pillow itself refuse images over WAGTAILIMAGES_MAX_IMAGE_PIXELS (bomb limit).

    Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; Wagtail's upload field
    checks the size too. Setting the limit here also protects rendition generation.
    """
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if limit:
        PILImage.MAX_IMAGE_PIXELS = limit


IMAGE_BOMB_MESSAGE = (
    "Deze afbeelding is te groot om veilig te verwerken (te veel pixels). "
    "Verklein de afbeelding en upload hem opnieuw."
)


class SafeImageField(WagtailImageField):
    """Refuses SVG/HTML by content and names a decompression bomb as such."""

    def to_python(self, data):
        if hasattr(data, "read") and _looks_like_svg_or_html(_read_head(data)):
            raise ValidationError(
                _("SVG- en HTML-bestanden zijn niet toegestaan als afbeelding."), code="svg"
            )
        try:
            return super().to_python(data)
        except ValidationError as exc:
            bombs = (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning)
            if isinstance(exc.__cause__, bombs):
                raise ValidationError(_(IMAGE_BOMB_MESSAGE), code="image_bomb") from exc
            raise
        except Exception as exc:  # noqa: BLE001 - Wagtail lets Pillow errors through (a 500)
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc


class SafeImageForm(BaseImageForm):
    """Wagtail's image form with Dutch refusals, an SVG ban and a full decode check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            if type(field) is WagtailImageField:
                field.__class__ = SafeImageField  # same field, stricter to_python
            formats = ", ".join(getattr(settings, "WAGTAILIMAGES_EXTENSIONS", [])).upper()
            field.error_messages.update(
                {
                    "invalid_image": _(
                        "Dit bestand is geen afbeelding of is beschadigd. Toegestaan zijn: "
                        "%(formats)s."
                    )
                    % {"formats": formats},
                    "invalid_image_extension": _(
                        "Dit soort afbeelding is niet toegestaan (SVG bijvoorbeeld kan scripts "
                        "bevatten). Toegestaan zijn: %(formats)s."
                    )
                    % {"formats": formats},
                    "invalid_image_known_format": _(
                        "Dit bestand heet .%(extension)s maar is een %(image_format)s-bestand. "
                        "Geef het de juiste extensie of sla het opnieuw op."
                    ),
                    "file_too_large": _(
                        "Deze afbeelding is te groot (%(file_size)s). Het maximum is "
                        "%(max_filesize)s."
                    ),
                    "file_too_many_pixels": _(
                        "Deze afbeelding heeft te veel pixels (%(num_pixels)s); het maximum is "
                        "%(max_pixels_count)s. Verklein de afbeelding en upload hem opnieuw."
                    ),
                }
            )

    def clean_file(self):
        f = self.cleaned_data.get("file")
        if not f or "file" not in self.changed_data:
            return f
        if _looks_like_svg_or_html(_read_head(f)):
            raise ValidationError(
                _("SVG- en HTML-bestanden zijn niet toegestaan als afbeelding."), code="svg"
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PILImage.DecompressionBombWarning)
                with PILImage.open(f) as image:
                    image.verify()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ValidationError(_(IMAGE_BOMB_MESSAGE), code="image_bomb") from exc
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged input
            raise ValidationError(
                _("Deze afbeelding is beschadigd en kan niet worden gelezen."),
                code="image_corrupt",
            ) from exc
        finally:
            f.seek(0)
        return f
