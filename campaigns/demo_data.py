"""The "Ģimene ģimenei" campaign with realistic needs and a few dozen pledges
from invented donors, in every state, in Latvian with an English translation."""

import datetime
import uuid

from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.models import Locale, Page

from campaigns import services
from campaigns.choices import Area, Category, Delivery, PledgeState, Priority, Unit
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignSettings, Pledge
from home.demo import publish, register, translate
from home.factories import ImageFactory
from home.models import HomePage

P = "paragraph"


def need(lv, en, category, unit, quantity, size="", priority=Priority.NORMAL, description=("", "")):
    return {
        "lv": {"name": lv, "description": description[0]},
        "en": {"name": en, "description": description[1]},
        "spec": {"category": category, "unit": unit, "quantity": quantity, "size": size, "priority": priority},
    }


NEEDS = [
    need(
        "Skolas mugursoma",
        "School backpack",
        Category.SCHOOL_BAGS,
        Unit.PIECES,
        24,
        priority=Priority.URGENT,
        description=("Ar cietu muguru, 1.–6. klasei.", "With a firm back, for years 1–6."),
    ),
    need(
        "Penālis ar piederumiem",
        "Pencil case with supplies",
        Category.STATIONERY,
        Unit.SETS,
        30,
        description=(
            "Zīmuļi, pildspalvas, dzēšgumija, lineāls, asināmais.",
            "Pencils, pens, eraser, ruler, sharpener.",
        ),
    ),
    need(
        "Burtnīcu komplekts",
        "Set of exercise books",
        Category.STATIONERY,
        Unit.SETS,
        40,
        description=("10 burtnīcas rūtiņu un līniju.", "10 squared and lined exercise books."),
    ),
    need("Krāsas un otas", "Paints and brushes", Category.STATIONERY, Unit.SETS, 20, priority=Priority.LOW),
    need("Ziemas zābaki", "Winter boots", Category.SHOES, Unit.PAIRS, 5, size="EU 30", priority=Priority.URGENT),
    need("Ziemas zābaki", "Winter boots", Category.SHOES, Unit.PAIRS, 6, size="EU 33", priority=Priority.URGENT),
    need("Ziemas zābaki", "Winter boots", Category.SHOES, Unit.PAIRS, 6, size="EU 36", priority=Priority.URGENT),
    need("Ziemas zābaki", "Winter boots", Category.SHOES, Unit.PAIRS, 4, size="EU 38"),
    need("Ziemas jaka", "Winter jacket", Category.CLOTHING, Unit.PIECES, 6, size="122–128"),
    need("Ziemas jaka", "Winter jacket", Category.CLOTHING, Unit.PIECES, 8, size="134–140"),
    need("Ziemas jaka", "Winter jacket", Category.CLOTHING, Unit.PIECES, 6, size="146–152"),
    need("Cepure, šalle un cimdi", "Hat, scarf and gloves", Category.CLOTHING, Unit.SETS, 20),
    need(
        "Higiēnas komplekts",
        "Hygiene kit",
        Category.HYGIENE,
        Unit.SETS,
        25,
        description=("Zobu birste, zobu pasta, ziepes, šampūns.", "Toothbrush, toothpaste, soap, shampoo."),
    ),
    need("Galda spēle ģimenei", "Board game for the family", Category.TOYS, Unit.PIECES, 10, priority=Priority.LOW),
]

CAMPAIGN = {
    "lv": {
        "title": "Ģimene ģimenei",
        "slug": "gimene-gimenei",
        "introduction": "Palīdziet ģimenēm, kurām šoziem klājas grūti: skolas lietas, ziemas apavi un drēbes "
        "bērniem Bauskas novadā.",
        "body": [
            (
                P,
                "<p>Kopš ģimeņu stiprināšanas darba sākuma Bauskas novadā notiek labdarības akcija „Ģimene "
                "ģimenei”. Tā sniedz grūtībās nonākušām ģimenēm ar bērniem materiālo atbalstu – kancelejas "
                "piederumus, mugursomas, apavus un apģērbu.</p><p>Izvēlieties, ko varat dot, apsoliet to šeit "
                "un atnesiet uz Centru. Lietas nodosim ģimenēm, ar kurām strādā mūsu sociālie darbinieki.</p>",
            ),
        ],
        "conditions": "Jaunas vai gandrīz jaunas, tīras un veselas lietas. Apavi un apģērbs – norādītajos "
        "izmēros. Pārtiku un lietotas rotaļlietas šoreiz nepieņemam.",
        "dropoff_info": "Ieeja no pagalma puses, 1. stāvs. Lūdzu, pie reģistratūras nosauciet solījuma kodu.",
    },
    "en": {
        "title": "Family to family",
        "slug": "family-to-family",
        "introduction": "Help families who are having a hard winter: school things, winter boots and clothes "
        "for children in Bauska municipality.",
        "body": [
            (
                P,
                "<p>Since family support work began in Bauska municipality, the “Family to family” campaign has "
                "brought families in hardship what they need: stationery, backpacks, shoes and clothing.</p>"
                "<p>Choose what you can give, pledge it here and bring it to the centre. Our social workers "
                "pass the items on to the families they work with.</p>",
            ),
        ],
        "conditions": "New or nearly new, clean and whole items. Shoes and clothing in the sizes listed. We "
        "cannot take food or used toys this time.",
        "dropoff_info": "Entrance from the courtyard, ground floor. Please tell the reception your pledge reference.",
    },
}

INDEX = {
    "lv": {"title": "Akcijas", "slug": "akcijas", "introduction": "Kā palīdzēt ģimenēm ar lietām, kas vajadzīgas."},
    "en": {"title": "Campaigns", "slug": "campaigns", "introduction": "How to help families with things they need."},
}

FIRST_NAMES = [
    "Agnese",
    "Mārtiņš",
    "Inese",
    "Kristaps",
    "Līga",
    "Edgars",
    "Santa",
    "Raivis",
    "Elīna",
    "Oskars",
    "Dace",
    "Toms",
    "Ilze",
    "Roberts",
    "Zane",
    "Andris",
    "Laura",
    "Gatis",
]
LAST_NAMES = [
    "Ozoliņa",
    "Kalniņš",
    "Liepiņa",
    "Bērziņš",
    "Vītola",
    "Zariņš",
    "Krūmiņa",
    "Siliņš",
    "Eglīte",
    "Sproģis",
    "Apine",
    "Lācis",
]
ENGLISH_DONORS = ["Emma Clarke", "Jonas Weber", "Sofia Lind"]
NOTES = [
    "",
    "",
    "",
    "Atnesīšu pēc darba, ap 17:00.",
    "Zābaki ir jauni, vienreiz uzvilkti.",
    "Varu atvest arī vairāk, ja vajag.",
    "Paldies, ka to organizējat!",
]


def translate_campaign(page, locale, fields, need_texts):
    """The campaign's translation carries its needs' names and descriptions in the new language too."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    needs = list(translation.needs.all())
    for item, texts in zip(needs, need_texts, strict=True):
        item.name, item.description = texts["name"], texts["description"]
    translation.needs = needs
    return publish(translation)


@register(20)
def load_campaigns(context):
    home = HomePage.objects.get(locale__language_code="lv")
    if CampaignIndexPage.objects.child_of(home).exists():
        context.say("Campaigns: already loaded.")
        return
    english = Locale.objects.get(language_code="en")
    today = timezone.localdate()

    index = publish(CampaignIndexPageFactory(parent=home, show_in_menus=True, **INDEX["lv"]))
    picture = ImageFactory(
        title="Ģimene ģimenei",
        description="Zīmējums: ģimenes pastaigā pie Bauskas pils",
    )
    campaign = CampaignPageFactory(
        parent=index,
        image=picture,
        start_date=today - datetime.timedelta(days=21),
        end_date=today + datetime.timedelta(days=45),
        needs=[{**item["spec"], **item["lv"]} for item in NEEDS],
        **CAMPAIGN["lv"],
    )
    publish(campaign)
    if home.get_translation_or_none(english):
        translate(index, english, **INDEX["en"])
        translate_campaign(campaign, english, CAMPAIGN["en"], [item["en"] for item in NEEDS])

    settings = CampaignSettings.for_default_site()
    settings.privacy_page = Page.objects.filter(slug="privatuma-politika", locale__language_code="lv").first()
    settings.grace_days = 3
    settings.save()

    # Invented donors must not get mail: the demo's pledges are made with mail switched off.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        count = _pledges(context.rng, campaign, today)
    context.say(f"Campaigns: “{campaign.title}” with {len(NEEDS)} needs and {count} pledges.")


def _pledges(rng, campaign, today):
    """A few dozen pledges: open, overdue, partly and fully received, cancelled and expired."""
    tallies = list(campaign.tallies.order_by("sort_order"))
    plan = (
        [PledgeState.PLEDGED] * 14
        + ["overdue"] * 3
        + [PledgeState.PARTLY_RECEIVED] * 6
        + [PledgeState.RECEIVED] * 9
        + [PledgeState.CANCELLED] * 4
        + [PledgeState.EXPIRED] * 4
    )
    made = 0
    for number, state in enumerate(plan):
        open_tallies = [t for t in tallies if t.still_needed]
        chosen = rng.sample(open_tallies, k=min(len(open_tallies), rng.choice([1, 1, 2, 3])))
        quantities = {t.pk: min(t.still_needed, rng.choice([1, 1, 2, 3])) for t in chosen}
        if number % 12 == 5:
            name, language = ENGLISH_DONORS[number % len(ENGLISH_DONORS)], "en"
        else:
            name, language = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", "lv"
        pickup = rng.random() < 0.2
        details = services.DonorDetails(
            donor_name=name,
            email=_email(name, number),
            phone=f"+371 2{rng.randint(1000000, 9999999)}" if rng.random() < 0.6 else "",
            delivery=Delivery.PICKUP if pickup else Delivery.BRING,
            expected_date=today + datetime.timedelta(days=rng.randint(1, 14)),
            pickup_area=rng.choice(Area.values) if pickup else "",
            pickup_address=f"{rng.choice(['Liepu', 'Skolas', 'Dārza', 'Pils'])} iela {rng.randint(1, 40)}"
            if pickup
            else "",
            note=rng.choice(NOTES),
        )
        pledge = services.create_pledge(
            campaign, quantities, details, submission_key=uuid.UUID(int=rng.getrandbits(128)), language=language
        ).pledge
        for tally in chosen:
            tally.refresh_from_db()
        _bring_to_state(rng, pledge, state, today)
        made += 1
    services.expire_overdue(today)
    return made


def _email(name, number):
    plain = name.lower().translate(str.maketrans("āčēģīķļņšūž ", "acegiklnsuz."))
    return f"{plain}{number}@example.org"


def _bring_to_state(rng, pledge, state, today):
    days_ago = rng.randint(1, 20)
    Pledge.objects.filter(pk=pledge.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    lines = list(pledge.lines.all())
    if state == PledgeState.PARTLY_RECEIVED:
        if sum(line.quantity for line in lines) > 1:  # one item of several arrived
            services.record_receipt(pledge, {lines[0].pk: 1})
    elif state == PledgeState.RECEIVED:
        services.record_receipt(pledge, {line.pk: line.quantity for line in lines})
    elif state == PledgeState.CANCELLED:
        services.cancel_pledge(pledge)
    elif state == "overdue":  # late, but still within the grace days
        Pledge.objects.filter(pk=pledge.pk).update(expected_date=today - datetime.timedelta(days=1))
    elif state == PledgeState.EXPIRED:
        Pledge.objects.filter(pk=pledge.pk).update(
            expected_date=today - datetime.timedelta(days=10), created_at=F("created_at") - datetime.timedelta(days=5)
        )
