"""Kennisdag pages for organisers and readers: capitalised programme labels, photos sized for
their slot (srcset), and "leverde 0 lessen op" only for days that have passed."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kennisdagen.blocks import SessionBlock, SpeakerBlock
from kennisdagen.models import KennisdagFoto

pytestmark = pytest.mark.django_db


def _image(title, size=(2400, 1600)):
    out = io.BytesIO()
    PILImage.new("RGB", size, (1, 104, 155)).save(out, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(out.getvalue()), name=f"{title}.png")
    )


def test_programme_block_labels_start_with_a_capital():
    labels = [SessionBlock().meta.label, SpeakerBlock().meta.label]
    labels += [child.label for child in SessionBlock().child_blocks.values()]
    labels += [child.label for child in SpeakerBlock().child_blocks.values()]
    assert all(label[0].isupper() for label in labels), labels


def test_a_single_photo_gets_renditions_for_every_slot_width(client, make_kennisdag):
    page = make_kennisdag(datum=datetime.date(2026, 3, 12), publish=False)
    KennisdagFoto.objects.create(page=page, image=_image("zaal"), alt_text="De volle zaal")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    [img] = re.findall(r"<img[^>]*alt=\"De volle zaal\"[^>]*>", html)
    widths = sorted(int(w) for w in re.findall(r" (\d+)w", img))
    assert widths == [480, 960, 1440]
    assert 'sizes="' in img


def test_a_future_kennisdag_does_not_say_it_yielded_zero_lessons(client, make_kennisdag):
    page = make_kennisdag(datum=datetime.date.today() + datetime.timedelta(days=30))
    html = client.get(page.url).content.decode()
    assert "leverde 0 lessen op" not in html
    assert "Na afloop staan hier de lessen" in html


def test_a_past_kennisdag_without_lessons_says_so(client, make_kennisdag):
    page = make_kennisdag(datum=datetime.date(2025, 3, 12))
    assert "leverde 0 lessen op" in client.get(page.url).content.decode()
