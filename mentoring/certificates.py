"""The certificate of volunteering as a one-page A4 PDF (fpdf2), in the language it was issued in.

The words come from the mentoring catalogue (``translation.override``); the letters from the
DejaVu fonts shipped in ``mentoring/fonts/`` (every Latvian letter, the same on every machine).
Dates after a label are in the nominative ("Izsniegts: 2026. gada 29. novembris").
"""

import datetime
from pathlib import Path

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

import qrcode
from fpdf import FPDF

from home.dates import MONTHS, long_date
from home.links import absolute_url
from home.models import CentreSettings
from mentoring.hours import format_hours
from mentoring.models import Certificate
from mentoring.rules import MENTEE_AGES

FONTS = Path(__file__).resolve().parent / "fonts"
BLUE = (0, 82, 155)  # the site's --blue
INK = (31, 41, 51)
MUTED = (82, 96, 109)
LINE = (190, 205, 220)


def month_name(month: datetime.date) -> str:
    """ "2026. gada marts" / "March 2026": a month after a label."""
    if (translation.get_language() or "lv").startswith("lv"):
        return f"{month.year}. gada {MONTHS['nominative'][month.month - 1]}"
    return formats.date_format(month, "F Y")


def period_text(certificate: Certificate) -> str:
    return months_between(certificate.first_month, certificate.last_month)


def months_between(first: datetime.date, last: datetime.date) -> str:
    """ "2026. gada marts – 2026. gada oktobris"; one month alone when the period is one month."""
    return month_name(first) if first == last else f"{month_name(first)} – {month_name(last)}"


def verify_url(certificate: Certificate, request: HttpRequest | None = None) -> str:
    """The verification page with the code filled in, in the certificate's language (printed and in the QR)."""
    with translation.override(certificate.language):
        return absolute_url(f"{reverse('mentoring:verify_certificate')}?code={certificate.display_code}", request)


class CertificatePDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(22, 22, 22)
        self.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.add_font("Serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))

    def centred(self, text: str, *, family: str, style: str = "", size: float, colour=INK, height: float) -> None:
        self.set_font(family, style, size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin)
        self.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def render(
    certificate: Certificate, centre: CentreSettings | None = None, request: HttpRequest | None = None
) -> bytes:
    """The certificate as PDF bytes, in ``certificate.language``; its link on ``request``'s host where given."""
    centre = centre or CentreSettings.for_default_site()
    with translation.override(certificate.language):
        return _render(certificate, centre, request)


def _render(certificate: Certificate, centre: CentreSettings, request: HttpRequest | None) -> bytes:
    pdf = CertificatePDF()
    title = _("Certificate of volunteering")
    pdf.set_title(f"{title}: {certificate.full_name}")
    pdf.set_author(centre.name)
    pdf.set_creator(centre.name)
    pdf.set_lang(certificate.language)
    pdf.add_page()

    # A double frame in the site's blue.
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 190, 277)
    pdf.set_line_width(0.3)
    pdf.rect(13.5, 13.5, 183, 270)

    pdf.set_y(26)
    pdf.centred(centre.name, family="Sans", style="B", size=14, colour=BLUE, height=7)
    contacts = [centre.address]
    contacts += [value for value in (centre.phone, centre.email) if value]
    pdf.centred(" · ".join(contacts), family="Sans", size=9.5, colour=MUTED, height=5.5)
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.6)
    pdf.line(85, pdf.get_y() + 5, 125, pdf.get_y() + 5)

    pdf.set_y(66)
    pdf.centred(title, family="Serif", style="B", size=22, colour=BLUE, height=11)

    pdf.set_y(pdf.get_y() + 12)
    pdf.centred(_("This is to certify that"), family="Sans", size=12, height=7)
    pdf.set_y(pdf.get_y() + 3)
    pdf.centred(certificate.full_name, family="Serif", style="B", size=22, height=11)
    pdf.set_y(pdf.get_y() + 4)
    low, high = MENTEE_AGES
    pdf.centred(
        _(
            "volunteered as a mentor in the mentoring programme of %(centre)s, meeting regularly with "
            "a teenager aged %(low)s to %(high)s and supporting them."
        )
        % {"centre": centre.name, "low": low, "high": high},
        family="Sans",
        size=12,
        height=6.5,
    )

    # The figures, as a two-column table under a light rule.
    pdf.set_y(pdf.get_y() + 10)
    rows = [
        (_("Period"), period_text(certificate)),
        (_("Approved hours"), format_hours(certificate.hours)),
        (_("Meetings with the mentee"), str(certificate.meetings)),
    ]
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.3)
    left, label_width, value_width = 30, 62, 88
    pdf.line(left, pdf.get_y(), left + label_width + value_width, pdf.get_y())
    for label, value in rows:
        top = pdf.get_y()
        pdf.set_xy(left, top + 2)
        pdf.set_font("Sans", "", 11.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(label_width - 3, 6.5, label, align="L", new_x="LMARGIN", new_y="NEXT")
        label_bottom = pdf.get_y()
        pdf.set_xy(left + label_width, top + 2)
        pdf.set_font("Sans", "B", 12.5)
        pdf.set_text_color(*INK)
        if pdf.get_string_width(value) > value_width - 2:
            value = value.replace(" – ", " –\n")  # a long period breaks after its dash, not inside a month
        pdf.multi_cell(value_width, 6.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        bottom = max(pdf.get_y(), label_bottom) + 2
        pdf.set_y(bottom)
        pdf.line(left, bottom, left + label_width + value_width, bottom)
    pdf.set_y(pdf.get_y() + 3)
    pdf.centred(
        _("Only months that the programme's coordinator has reviewed and approved are counted."),
        family="Sans",
        size=9,
        colour=MUTED,
        height=5,
    )

    # Issued, and the coordinator's signature.
    pdf.set_y(206)
    pdf.set_x(35)
    pdf.set_font("Sans", "", 11)
    pdf.set_text_color(*INK)
    issued = timezone.localtime(certificate.issued_at).date()
    pdf.cell(0, 6, _("Issued: %(date)s, %(city)s") % {"date": long_date(issued), "city": centre.city})
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.line(35, 232, 105, 232)
    pdf.set_xy(35, 233.5)
    pdf.set_font("Sans", "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(85, 5, align="L", text=_("Coordinator of the mentoring programme\n(signature, name and surname)"))
    pdf.line(130, 232, 175, 232)
    pdf.set_xy(130, 233.5)
    pdf.cell(45, 5, _("Stamp"), align="C")

    # How to check it: the code, the address and a QR code of the address.
    url = verify_url(certificate, request)
    image = qrcode.make(url, box_size=8, border=1)
    pdf.image(image.get_image(), x=22, y=249, w=26, h=26)
    pdf.set_xy(53, 251)
    pdf.set_font("Sans", "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, _("Verification code"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(53)
    pdf.set_font("Sans", "B", 14)
    pdf.set_text_color(*INK)
    pdf.cell(0, 8, certificate.display_code, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(53)
    pdf.set_font("Sans", "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(135, 4.5, _("Check it on the centre's website:"), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(53)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(135, 4.5, url, align="L", link=url)
    return bytes(pdf.output())
