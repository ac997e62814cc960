"""Uploads in the admin have size limits and a list of allowed types (issue 10): a 12 MiB PDF
used to be accepted; SVG stays refused."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def pdf(size):
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
    return head + b"0" * (size - len(head) - 6) + b"\n%%EOF"


def png(padding=0):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#00529b").save(buffer, "PNG")
    return buffer.getvalue() + b"\0" * padding


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/", {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/", {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def test_the_limits(settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MIB
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS


def test_a_12_mib_pdf_is_refused_and_a_small_one_taken(client, editor):
    client.force_login(editor)
    response = upload_document(client, "liels.pdf", pdf(12 * MIB))
    assert response.status_code == 200
    assert "Maksimālais faila izmērs 10,0\xa0MB" in response.content.decode()
    assert not Document.objects.exists()
    response = upload_document(client, "pārskats.pdf", pdf(MIB))
    assert response.status_code == 302
    assert Document.objects.get().title == "pārskats.pdf"


def test_a_document_of_another_type_is_refused_with_the_allowed_ones_listed(client, editor):
    client.force_login(editor)
    for name in ["skripts.html", "zimejums.svg", "programma.exe"]:
        response = upload_document(client, name, b"<svg onload=alert(1)>")
        assert response.status_code == 200
        assert "Atļautie paplašinājumi ir: pdf, docx, odt, xlsx, ods, txt." in response.content.decode()
    assert not Document.objects.exists()


def test_a_big_image_is_refused_and_a_small_one_taken(client, editor):
    client.force_login(editor)
    response = upload_image(client, "liela.png", png(padding=11 * MIB))
    assert response.status_code == 200
    assert not WagtailImage.objects.exists()
    response = upload_image(client, "maza.png", png())
    assert response.status_code == 302
    assert WagtailImage.objects.get().title == "maza.png"


def test_svg_images_stay_refused(client, editor):
    client.force_login(editor)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'
    response = upload_image(client, "logo.svg", svg)
    assert response.status_code == 200
    assert not WagtailImage.objects.exists()


def test_the_upload_forms_name_the_types_and_the_limit(client, editor):
    client.force_login(editor)
    images = client.get("/admin/images/add/").content.decode()
    documents = client.get("/admin/documents/add/").content.decode()
    formats = ", ".join(extension.upper() for extension in settings.WAGTAILIMAGES_EXTENSIONS)
    # In the staff's Latvian (issue 9: the admin had shown these two sentences in English).
    assert f"Atbalstītie formāti: {formats}." in images
    for html in (images, documents):
        assert "Maksimālais faila izmērs: 10,0\xa0MB." in html
