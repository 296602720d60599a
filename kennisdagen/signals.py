"""Signal wiring: queue text extraction when a document is uploaded or its file replaced."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from kennisdagen.models import DocumentText
from kennisdagen.tasks import extract_document_text

logger = logging.getLogger(__name__)


@receiver(post_save, sender=get_document_model(), dispatch_uid="kennisdagen_extract_text")
def queue_text_extraction(sender, instance, created, **kwargs):
    if kwargs.get("raw"):
        return
    current = DocumentText.objects.filter(document=instance).first()
    if current is not None and current.source_hash and current.source_hash == instance.file_hash:
        return  # same file as last time: title or tags edited only
    DocumentText.objects.update_or_create(
        document=instance,
        defaults={"status": DocumentText.Status.PENDING, "error": "", "source_hash": ""},
    )
    document_id = instance.pk

    def enqueue():
        try:
            extract_document_text.enqueue(document_id)
        except Exception:  # noqa: BLE001 - a queue problem must never block an upload
            logger.exception("could not queue text extraction for document %s", document_id)

    transaction.on_commit(enqueue)
