"""Background text extraction from uploaded documents (django-tasks), for search inside slides.

`extract_document_text` runs after an upload is committed. Whatever goes wrong (a damaged
or encrypted PDF, an unsupported type) is recorded on the `DocumentText` row; the upload
itself is never affected.
"""

import logging
import warnings

from django_tasks import task
from wagtail.documents import get_document_model

from kennisdagen.models import DocumentText
from kennisdagen.selectors import kennisdag_pages_using
from search.indexer import schedule_sync

logger = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_CHARS = 1_000_000


class ExtractionError(Exception):
    """A problem worth telling the editor, in Dutch."""


def extract_pdf_text(fileobj) -> str:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(fileobj, strict=False)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged input
            raise ExtractionError(f"PDF kan niet worden geopend: {exc}") from exc
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001
                raise ExtractionError(
                    f"PDF is versleuteld en kan niet worden ontsleuteld: {exc}"
                ) from exc
            if not opened:
                raise ExtractionError("PDF is beveiligd met een wachtwoord.")
        parts, problems = [], []
        try:
            pages = list(reader.pages)[:MAX_PAGES]
        except Exception as exc:  # noqa: BLE001
            raise ExtractionError(f"De pagina's van de PDF zijn niet te lezen: {exc}") from exc
        for number, page in enumerate(pages, start=1):
            try:
                parts.append(page.extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
                problems.append(f"pagina {number}: {exc}")
        text = "\n".join(part.strip() for part in parts if part.strip())
        if problems and not text:
            raise ExtractionError("Geen tekst te lezen; " + "; ".join(problems[:5]))
        return text[:MAX_CHARS]


def run_extraction(document_id: int) -> str:
    """Extract and store the text of one document; returns the resulting status."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    record, _ = DocumentText.objects.get_or_create(document=document)
    record.source_hash = document.file_hash or ""
    if document.file_extension.lower() != "pdf":
        record.status, record.text, record.error = DocumentText.Status.SKIPPED, "", ""
        record.save()
        return record.status
    try:
        with document.open_file() as fileobj:
            text = extract_pdf_text(fileobj)
    except ExtractionError as exc:
        record.status, record.text, record.error = DocumentText.Status.FAILED, "", str(exc)
    except Exception as exc:  # noqa: BLE001 - never let extraction break anything else
        logger.exception("text extraction failed for document %s", document_id)
        record.status, record.text = DocumentText.Status.FAILED, ""
        record.error = f"Onverwachte fout: {exc}"
    else:
        record.text, record.error = text, ""
        record.status = DocumentText.Status.DONE if text else DocumentText.Status.EMPTY
    record.save()
    _resync_search(document)
    return record.status


def _resync_search(document) -> None:
    """Re-index the kennisdagen that use this document, so its new text becomes findable."""
    page_ids = kennisdag_pages_using(document)
    if page_ids:
        schedule_sync(page_ids)


@task()
def extract_document_text(document_id: int) -> str:
    return run_extraction(document_id)
