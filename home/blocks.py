"""The shared content blocks: every page body in every app is built from these."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from home.figures import figure_choices, figures

# What an editor may use in a paragraph (and so what demo text may hold).
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


# Previews in the block picker show the newest picture or document there is (none on a new site).


def _newest_image():
    return get_image_model().objects.order_by("-pk").first()


def _newest_document():
    return get_document_model().objects.order_by("-pk").first()


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Ģimene ģimenei", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        preview_value = staticmethod(lambda: {"image": _newest_image(), "caption": "Vasaras nometne Vecsaulē"})


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Beidzot kāds manī klausījās un sarunājās ar mani.",
            "attribution": "Pusaudzis no mentoru programmas",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Kļūsti par mentoru",
            "text": "Desmit stundas mēnesī var mainīt pusaudža gadu.",
            "url": "https://example.org/",
            "button_label": "Pieteikties",
        }


class FigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=20)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "pick"
        label = _("Figure")
        preview_value = {"number": "131", "label": "bērns saņēma atbalstu"}


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1, max_num=6)

    class Meta:
        icon = "list-ul"
        label = _("Figures")
        template = "blocks/figures_block.html"
        preview_value = {
            "title": "2015. gadā",
            "figures": [
                {"number": "131", "label": "bērns saņēma atbalstu"},
                {"number": "41", "label": "ģimene mēnesī"},
            ],
        }


class LiveFiguresBlock(blocks.StructBlock):
    """Three or four figures the portal computes (``home.figures``): the editor chooses which, the
    numbers come from the data and the yearly figures, never typed."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(
        blocks.ChoiceBlock(choices=figure_choices, label=_("Figure")),
        label=_("Figures"),
        min_num=3,
        max_num=4,
    )
    page = blocks.PageChooserBlock(label=_("More figures on"), required=False, page_type="home.ImpactPage")

    class Meta:
        icon = "table"
        label = _("Figures from the data")
        template = "blocks/live_figures_block.html"
        preview_value = {
            "title": "Gads skaitļos",
            "figures": ["year.children_supported", "campaigns.items_received", "mentoring.hours"],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = figures(list(value["figures"]))
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"
        preview_value = staticmethod(lambda: {"document": _newest_document(), "title": "Gada pārskats"})


class RetentionPeriodsBlock(blocks.StaticBlock):
    """How long the centre keeps each kind of personal data, as the retention settings say now:
    a privacy notice with this block stays true when staff change the periods. (Its template
    loads the privacy app's tag, so home imports no other app.)"""

    class Meta:
        icon = "lock"
        label = _("Retention periods")
        admin_text = _("Shows how long the centre keeps each kind of personal data, from the retention settings.")
        template = "blocks/retention_periods_block.html"
        preview_value = None


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=PARAGRAPH_FEATURES,
        preview_value="<p>Bauskas SOS ģimeņu atbalsta centrs palīdz ģimenēm grūtos brīžos.</p>",
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    figures = FiguresBlock()
    document = DocumentBlock()

    class Meta:
        label = _("Content")


class StandardPageStreamBlock(ContentStreamBlock):
    """Standard pages (about, contact, the privacy notice) may also show the retention periods."""

    retention_periods = RetentionPeriodsBlock()


class HomeStreamBlock(ContentStreamBlock):
    """The home page may also show figures from the data ("A year in figures")."""

    live_figures = LiveFiguresBlock()
