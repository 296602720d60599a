"""The view layer of the dossier pages (thin): what the index and a dossier add to their
context, and the PDF route.

`DossiersConfig.ready()` plugs this module into the page types as `page_views`, so the
models never import the selectors and the PDF renderer that sit above them.
"""

from dossiers.pdf import pdf_response
from dossiers.selectors import dossier_context, visible_dossiers


def index_context(index, request) -> dict:
    return {"dossiers": visible_dossiers(request.user, index=index)}


def dossier_page_context(dossier, request) -> dict:
    return dossier_context(dossier, request.user)


def dossier_pdf(request, dossier):
    return pdf_response(dossier, request.user)
