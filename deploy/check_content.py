"""Content for the deploy check (run by deploy/check.sh through `manage.py shell`): an image
with a rendition, a public document and a document in a login-only collection. Prints the
site-relative URLs to fetch, one `name url` pair a line."""

import io

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

buffer = io.BytesIO()
PILImage.new("RGB", (640, 480), (21, 66, 115)).save(buffer, "PNG")
image = get_image_model()(title="Deploycheck", file=ContentFile(buffer.getvalue(), "check.png"))
image.save()
rendition = image.get_rendition("width-200")

Document = get_document_model()
root = Collection.get_first_root_node()
public = Document(title="Openbaar", collection=root)
public.file.save("openbaar.txt", ContentFile(b"openbaar document\n"), save=True)

restricted_collection = root.add_child(name="Alleen ingelogd (deploycheck)")
CollectionViewRestriction.objects.create(
    collection=restricted_collection, restriction_type=CollectionViewRestriction.LOGIN
)
restricted = Document(title="Besloten", collection=restricted_collection)
restricted.file.save("besloten.txt", ContentFile(b"besloten document\n"), save=True)

print("rendition", rendition.url)
print("public_document", public.url)
print("restricted_document", restricted.url)
