"""Every content block an editor can pick has an icon, a template and a preview in the site's look."""

import pytest
import wagtail_factories

from home.factories import ImageFactory
from home.models import StandardPage

pytestmark = pytest.mark.django_db

PREVIEW_TEXT = {
    "heading": "Ģimene ģimenei",
    "paragraph": "palīdz ģimenēm grūtos brīžos",
    "image": "<img",
    "quote": "Beidzot kāds manī klausījās",
    "call_to_action": "Kļūsti par mentoru",
    "figures": "bērns saņēma atbalstu",
    "document": "Gada pārskats",
    # Standard pages only (the privacy notice): the periods as the retention settings say now.
    "retention_periods": "retention-periods",
}


def test_every_content_block_has_an_icon_a_template_and_a_preview(client, editor):
    ImageFactory(title="Nometne")
    wagtail_factories.DocumentFactory(title="Pārskats")
    stream = StandardPage._meta.get_field("body").stream_block
    assert set(stream.child_blocks) == set(PREVIEW_TEXT)
    client.force_login(editor)
    for name, block in stream.child_blocks.items():
        assert block.meta.icon not in (None, "placeholder"), name
        assert block.meta.template.startswith("blocks/"), name
        assert block.is_previewable, name
        response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "css/base.css" in html, name
        assert PREVIEW_TEXT[name] in html, name


def test_block_previews_work_on_a_site_without_pictures_or_documents(client, editor):
    stream = StandardPage._meta.get_field("body").stream_block
    client.force_login(editor)
    for name in ("image", "document"):
        response = client.get("/admin/block-preview/", {"id": stream.child_blocks[name].definition_prefix})
        assert response.status_code == 200, name
