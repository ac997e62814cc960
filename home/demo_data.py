"""The centre's own pages, news and supporters, from ../shared/seeds/, in Latvian
with English translations of the main pages. People and contacts are invented."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Site

from taggit.models import Tag

from home.demo import editor_html, publish, register, translate
from home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, SupporterFactory
from home.illustrations import logo_tile
from home.models import (
    CentreSettings,
    HomePage,
    ImpactPage,
    NewsIndexPage,
    OpeningHours,
    Supporter,
    TagName,
    YearlyFigures,
)

P = "paragraph"


def _p(*paragraphs):
    """Paragraphs of rich text, stored as the editor stores them."""
    return editor_html("".join(f"<p>{text}</p>" for text in paragraphs))


@register(10)
def load_home(context):
    home = HomePage.objects.get(locale__language_code="lv")
    if NewsIndexPage.objects.child_of(home).exists():
        context.say("Home: already loaded.")
        return
    english = Locale.objects.get(language_code="en")
    images = {name: ImageFactory(title=title) for name, title in IMAGES.items()}
    _centre_settings()

    about = StandardPageFactory(parent=home, show_in_menus=True, image=images["about"], **ABOUT["lv"])
    services = StandardPageFactory(parent=home, show_in_menus=True, image=images["services"], **SERVICES["lv"])
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True, **NEWS_INDEX["lv"])
    contact = StandardPageFactory(parent=home, show_in_menus=True, **CONTACT["lv"])
    privacy = StandardPageFactory(parent=home, show_in_menus=False, **PRIVACY["lv"])
    pages = [about, services, news_index, contact, privacy]
    for page in pages:
        publish(page)

    home.title = HOME["lv"]["title"]
    home.introduction = HOME["lv"]["introduction"]
    home.image = images["home"]
    home.mentor_title = HOME["lv"]["mentor_title"]
    home.mentor_text = HOME["lv"]["mentor_text"]
    # The mentor call's button goes to the mentoring app's "Become a mentor" page, which its loader links.
    home.body = HOME["lv"]["body"]
    home.seo_title = ""
    publish(home)

    today = timezone.localdate()
    news = []
    for index, item in enumerate(NEWS):
        page = NewsPageFactory(
            parent=news_index,
            title=item["lv"]["title"],
            slug=item["slug"],
            date=today - datetime.timedelta(days=item["days_ago"]),
            summary=item["lv"]["summary"],
            body=[(P, _p(*item["lv"]["body"]))],
            image=images[f"news{index}"],
        )
        page.tags.add(*item["tags"])
        news.append(publish(page))

    # English: the home page first, then its children (a translation needs its parent's).
    translate(
        home,
        english,
        slug="home",
        title=HOME["en"]["title"],
        introduction=HOME["en"]["introduction"],
        mentor_title=HOME["en"]["mentor_title"],
        mentor_text=HOME["en"]["mentor_text"],
        body=HOME["en"]["body"],
    )
    for page, content in zip(pages, [ABOUT, SERVICES, NEWS_INDEX, CONTACT, PRIVACY], strict=True):
        translate(page, english, **content["en"])
    for page, item in zip(news, NEWS, strict=True):
        if "en" in item:
            translate(
                page,
                english,
                title=item["en"]["title"],
                summary=item["en"]["summary"],
                body=[(P, _p(*item["en"]["body"]))],
            )
    # A translation keeps its source's tags; English pages show their English names.
    for tag in Tag.objects.filter(name__in=TAG_NAMES_EN):
        TagName.objects.get_or_create(tag=tag, language="en", defaults={"name": TAG_NAMES_EN[tag.name]})

    # Renaming the fresh translations' slugs made Wagtail leave redirects behind; they lead nowhere new.
    Redirect.objects.filter(redirect_page__locale=english).delete()

    for order, name in enumerate(SUPPORTERS):
        supporter = SupporterFactory(name=name, url="", sort_order=order * 10, description="")
        supporter.logo = ImageFactory(
            title=f"{name} logo", file=ContentFile(logo_tile(name, seed=order), name=f"atbalstitajs-{order}.png")
        )
        supporter.save()
    context.say(f"Home: {len(pages)} pages, {len(news)} news items, {Supporter.objects.count()} supporters.")


def _centre_settings():
    site = Site.objects.get(is_default_site=True)
    centre = CentreSettings.for_site(site)
    centre.email = "centrs@example.org"
    centre.phone = "+371 63 000 000"
    centre.dropoff_instructions = (
        "Mantas var atnest uz Centru Rūpniecības ielā 7, Bauskā (Sociālā dienesta ēkā), darba laikā. "
        "Lūdzam nest tīras, jaunas vai gandrīz jaunas lietas; apģērbam un apaviem – izmēru uz iepakojuma."
    )
    centre.centre_name_en = "Bauska SOS Family Support Centre"
    centre.dropoff_instructions_en = (
        "Bring the items to the Centre at Rūpniecības iela 7, Bauska (the Social Service building) during "
        "opening hours. Please bring clean, new or nearly new things; for clothes and shoes, the size on the bag."
    )
    centre.save()
    if not centre.opening_hours.exists():
        OpeningHours.objects.bulk_create(
            [
                OpeningHours(settings=centre, sort_order=0, first_day=1, last_day=4, opens="09:00", closes="17:00"),
                OpeningHours(settings=centre, sort_order=1, first_day=5, last_day=5, opens="09:00", closes="15:00"),
            ]
        )


IMAGES = {
    "home": "Ģimenes pastaigā",
    "about": "Centra komanda",
    "services": "Atbalsta grupa",
    "news0": "Akcija Ģimene ģimenei",
    "news1": "Mentori",
    "news2": "Vasaras nometne",
    "news3": "Ziemassvētki",
    "news4": "Svētki Vecsaulē",
    "news5": "Gada pārskats",
}

SUPPORTERS = [
    "ABLV Charitable Foundation",
    "A/S „Olainfarm”",
    "A/S „Ventspils Nafta”",
    "Bayern",
    "Velku biedrība (Zviedrija)",
    "NVO „Bauska ziedo”",
    "Bauskas novada pašvaldība",
    "RISEBA studentu pašpārvalde",
]

# The home page's "A year in figures": chosen among the registered figures (home.figures), never typed.
HOME_FIGURES = ["year.children_supported", "year.children_per_month", "campaigns.items_received", "mentoring.hours"]

HOME = {
    "lv": {
        "title": "Atbalsts ģimenēm Bauskas novadā",
        "introduction": (
            "Bauskas SOS ģimeņu atbalsta centrs palīdz ģimenēm ar bērniem, kas nonākušas grūtībās: "
            "sociālie darbinieki, ģimeņu asistenti, psihologi un jurists, atbalsta grupas, nometnes "
            "un labdarības akcija „Ģimene ģimenei”."
        ),
        "mentor_title": "Kļūstiet par mentoru",
        "mentor_text": (
            "Ja jums ir 18–25 gadi un vēlaties būt blakus pusaudzim, kuram klājas grūti, – apmēram desmit stundas "
            "mēnesī kopā var mainīt ļoti daudz. Mēs jūs sagatavosim un atbalstīsim."
        ),
        "body": [
            ("live_figures", {"title": "Gads skaitļos", "figures": HOME_FIGURES}),
            (
                "quote",
                {
                    "text": "Beidzot kāds manī klausījās un sarunājās ar mani.",
                    "attribution": "Mentoru programmas dalībnieks",
                },
            ),
        ],
    },
    "en": {
        "title": "Support for families in Bauska municipality",
        "introduction": (
            "The Bauska SOS Family Support Centre helps families with children through hard times: social "
            "workers, family assistants, psychologists and a lawyer, support groups, camps and the "
            "“Family to family” charity campaign."
        ),
        "mentor_title": "Become a mentor",
        "mentor_text": (
            "If you are 18–25 and would like to stand by a teenager who is having a hard time, about ten hours "
            "a month together can change a great deal. We will train you and support you."
        ),
        "body": [
            ("live_figures", {"title": "A year in figures", "figures": HOME_FIGURES}),
            (
                "quote",
                {
                    "text": "At last somebody listened to me and talked with me.",
                    "attribution": "A participant of the mentoring programme",
                },
            ),
        ],
    },
}

ABOUT = {
    "lv": {
        "title": "Par centru",
        "slug": "par-centru",
        "introduction": "Ģimeņu stiprināšana Bauskas novadā kopš 2006. gada.",
        "body": [
            ("heading", {"text": "Mūsu stāsts", "level": "h2"}),
            (
                P,
                _p(
                    "Bauskā palīdzība ģimenēm, kas nonākušas krīzes situācijā, tika uzsākta jau 2006. gadā. "
                    "No 2011. gada janvāra līdz 2012. gada jūlijam novadā tika īstenots projekts „Iekļaujoša "
                    "ģimene, bērnudārzs, skola un sabiedrība”, kurā speciālistu pakalpojumus saņēma 319 bērni "
                    "un jaunieši.",
                    "Bauskas novada pašvaldība un Latvijas SOS Bērnu ciematu asociācija vienojās turpināt "
                    "aizsākto darbu projektā „Ģimeņu stiprināšana un atbalsts Bauskas novadā”, sadarbojoties "
                    "ar Bauskas Sociālo dienestu. Centrs ir reģistrēts sociālo pakalpojumu sniedzēju reģistrā.",
                ),
            ),
            ("heading", {"text": "Komanda", "level": "h2"}),
            (
                P,
                _p(
                    "Centra speciālistu komandā ir divi sociālie darbinieki, divi ģimeņu asistenti, bērnu un "
                    "pieaugušo psihologi un jurists. Mobilā speciālistu komanda regulāri brauc uz pagastiem, "
                    "kur ģimeņu situācijas ir smagākas un pakalpojumi mazāk pieejami nekā pilsētā."
                ),
            ),
        ],
    },
    "en": {
        "title": "About the centre",
        "slug": "about",
        "introduction": "Strengthening families in Bauska municipality since 2006.",
        "body": [
            ("heading", {"text": "Our story", "level": "h2"}),
            (
                P,
                _p(
                    "Help for families in crisis started in Bauska in 2006. From January 2011 to July 2012 the "
                    "project “Inclusive family, kindergarten, school and society” reached 319 children and "
                    "young people with specialists' services.",
                    "Bauska municipality and the Latvian SOS Children's Villages Association agreed to carry the "
                    "work on in the project “Strengthening and supporting families in Bauska municipality”, "
                    "together with the Bauska Social Service. The centre is a registered social service provider.",
                ),
            ),
            ("heading", {"text": "The team", "level": "h2"}),
            (
                P,
                _p(
                    "The centre's team has two social workers, two family assistants, psychologists for children "
                    "and adults, and a lawyer. A mobile team regularly travels to the parishes, where families' "
                    "situations are harder and services are further away than in town."
                ),
            ),
        ],
    },
}

SERVICES = {
    "lv": {
        "title": "Pakalpojumi",
        "slug": "pakalpojumi",
        "introduction": "Atbalstu piemērojam katrai ģimenei individuāli, pēc tās situācijas novērtēšanas.",
        "body": [
            (
                P,
                editor_html(
                    "<ul><li>Sociālā darbinieka un sociālā rehabilitētāja atbalsts</li>"
                    "<li>Ģimeņu asistentu palīdzība mājās</li>"
                    "<li>Psihologa konsultācijas bērniem un pieaugušajiem</li>"
                    "<li>Jurista un narkologa individuālas konsultācijas</li>"
                    "<li>Atbalsta grupas bērniem, pusaudžiem un vecākiem</li>"
                    "<li>Bērnu emocionālās audzināšanas grupas</li>"
                    "<li>Vasaras nometnes, ģimeņu semināri un radošās darbnīcas</li>"
                    "<li>Materiālā palīdzība ar labdarības akciju „Ģimene ģimenei”</li></ul>"
                ),
            ),
            ("heading", {"text": "Kas ir ģimenes asistents?", "level": "h2"}),
            (
                P,
                _p(
                    "Ģimenes asistents palīdz ģimenēm, kurām trūkst prasmju bērnu audzināšanā, un palīdz novērst "
                    "situācijas, kurās bērnu varētu nākties izņemt no ģimenes. Asistents kopā ar mammu vāra zupu, "
                    "dodas uz rotaļu laukumu, māca praktiski iepirkties un plānot ģimenes budžetu – lai pēc laika "
                    "viņa varētu par bērniem rūpēties pati."
                ),
            ),
        ],
    },
    "en": {
        "title": "Services",
        "slug": "services",
        "introduction": "Support is fitted to each family after its situation has been assessed.",
        "body": [
            (
                P,
                editor_html(
                    "<ul><li>Social worker and social rehabilitation support</li>"
                    "<li>Family assistants who help at home</li>"
                    "<li>Psychologists for children and adults</li>"
                    "<li>Individual advice from a lawyer and an addiction specialist</li>"
                    "<li>Support groups for children, teenagers and parents</li>"
                    "<li>Groups on children's emotional upbringing</li>"
                    "<li>Summer camps, family seminars and creative workshops</li>"
                    "<li>Material help through the “Family to family” campaign</li></ul>"
                ),
            ),
            ("heading", {"text": "What is a family assistant?", "level": "h2"}),
            (
                P,
                _p(
                    "A family assistant helps parents who lack skills in bringing up children, and helps to "
                    "prevent situations in which a child might have to be taken from the family. The assistant "
                    "cooks soup with a mother, goes to the playground, shows how to shop and plan the family "
                    "budget, so that in time she can look after the children herself."
                ),
            ),
        ],
    },
}

NEWS_INDEX = {
    "lv": {"title": "Jaunumi", "slug": "jaunumi", "introduction": "Kas notiek Centrā un tā ģimenēs."},
    "en": {"title": "News", "slug": "news", "introduction": "What is happening at the centre and in its families."},
}

CONTACT = {
    "lv": {
        "title": "Kontakti",
        "slug": "kontakti",
        "introduction": "Mūs var atrast Bauskā, Sociālā dienesta ēkā.",
        "body": [
            (
                P,
                _p(
                    "Bauskas SOS ģimeņu atbalsta centrs<br/>Rūpniecības iela 7, Bauska, LV-3901",
                    "Tālrunis: +371 63 000 000<br/>"
                    'E-pasts: <a href="mailto:centrs@example.org">centrs@example.org</a>',
                    "Pie mums strādā centra vadītāja, divi sociālie darbinieki un ģimeņu asistenti. Lūdzam "
                    "iepriekš sazināties, lai vienotos par tikšanās laiku.",
                ),
            ),
        ],
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "introduction": "You will find us in Bauska, in the Social Service building.",
        "body": [
            (
                P,
                _p(
                    "Bauska SOS Family Support Centre<br/>Rūpniecības iela 7, Bauska, LV-3901, Latvia",
                    'Phone: +371 63 000 000<br/>E-mail: <a href="mailto:centrs@example.org">centrs@example.org</a>',
                    "The centre's head, two social workers and the family assistants work here. Please get in "
                    "touch beforehand to agree on a time.",
                ),
            ),
        ],
    },
}


def _h(text):
    return ("heading", {"text": text, "level": "h2"})


# The privacy notice says in plain words what docs/record-of-processing.md records; the periods come
# from the retention settings (the "retention_periods" block), so the page stays true when staff change them.
PRIVACY = {
    "lv": {
        "title": "Privātuma politika",
        "slug": "privatuma-politika",
        "introduction": "Kādus datus par jums glabājam, kāpēc, kas tos redz un cik ilgi tos glabājam.",
        "body": [
            _h("Kas atbild par jūsu datiem"),
            (
                P,
                _p(
                    "Pārzinis ir Bauskas SOS ģimeņu atbalsta centrs, Rūpniecības iela 7, Bauska, LV-3901, "
                    'e-pasts <a href="mailto:centrs@example.org">centrs@example.org</a>. Datus neizmantojam '
                    "reklāmai un nenododam citiem, izņemot mūsu e-pasta un servera pakalpojumu sniedzējus, "
                    "kas tos glabā mūsu uzdevumā.",
                ),
            ),
            _h("Ja jūs apsolāt mantas"),
            (
                P,
                _p(
                    "Mēs glabājam jūsu vārdu, e-pasta adresi, tālruni (ja to norādāt), adresi (ja lūdzat mantas "
                    "savākt), piezīmi un to, ko apsolījāt un atnesāt. Tie vajadzīgi, lai sazinātos par solījumu, "
                    "atgādinātu par to un pateiktos. Tos redz tikai akcijas vadītāji.",
                    "Kad glabāšanas laiks pēc akcijas beigām ir pagājis, jūsu vārdu un kontaktus izdzēšam; "
                    "akcijas skaitļos paliek tikai tas, cik mantu apsolīja un atnesa.",
                ),
            ),
            _h("Ja jūs piesakāties par mentoru"),
            (
                P,
                _p(
                    "Mēs glabājam jūsu pieteikumu (vārdu, dzimšanas datumu, tālruni, atbildes), pārrunu un "
                    "atsauksmju iznākumu, sodāmības pārbaudes datumu un rezultātu (pašu izziņu neglabājam), "
                    "apmācību apmeklējumu un tikšanās, ko reģistrējat. Sodāmību pārbaudām, jo likums to prasa "
                    "ikvienam, kas strādā ar bērniem. Šos datus redz tikai mentoru programmas koordinatori.",
                ),
            ),
            _h("Bērni mentoru programmā"),
            (
                P,
                _p(
                    "Bērna datus reģistrē tikai koordinators, ar vecāka vai aizbildņa piekrišanu: vārdu, "
                    "dzimšanas datumu, ģimenes lietas numuru, intereses un piezīmes. Mentors redz tikai bērna "
                    "vārdu un intereses. Katru reizi, kad kāds no darbiniekiem atver vai maina bērna ierakstu, "
                    "tas tiek pierakstīts. Pārskatos, ko sūtām atbalstītājiem, bērni un mentori ir tikai ar "
                    "kodiem, bez vārdiem.",
                ),
            ),
            _h("Cik ilgi glabājam"),
            ("retention_periods", None),
            (
                P,
                _p(
                    "Pēc tam dati tiek izdzēsti automātiski. Bērna ierakstā paliek tikai skaitļi (tikšanās "
                    "datumi un stundas), bez vārda un lietas numura; mentora reģistrētās tikšanās paliek "
                    "programmas pārskatā bez mentora kontaktiem.",
                ),
            ),
            _h("Jūsu tiesības"),
            (
                P,
                _p(
                    "Pieslēdzieties un atveriet „Mans konts” → „Mani dati”: tur redzat visu, ko par jums glabājam, "
                    "varat to lejupielādēt un lūgt izdzēst. Ja apsolījāt mantas bez konta, izmantojiet privāto "
                    "saiti, ko nosūtījām e-pastā. Ziedotāja datus izdzēšam uzreiz; mentora un pieteicēja datus "
                    "koordinators izdzēš ne vēlāk kā mēneša laikā, un jūs saņemat apstiprinājumu e-pastā.",
                    "Ja uzskatāt, ka jūsu datus apstrādājam nepareizi, rakstiet mums vai Datu valsts inspekcijai.",
                ),
            ),
        ],
    },
    "en": {
        "title": "Privacy notice",
        "slug": "privacy",
        "introduction": "What we keep about you, why, who sees it and for how long.",
        "body": [
            _h("Who is responsible for your data"),
            (
                P,
                _p(
                    "The controller is the Bauska SOS Family Support Centre, Rūpniecības iela 7, Bauska, LV-3901, "
                    'e-mail <a href="mailto:centrs@example.org">centrs@example.org</a>. We never use your data '
                    "for advertising and never pass it on, except to the providers of our e-mail and server, "
                    "who keep it on our behalf.",
                ),
            ),
            _h("If you pledge items"),
            (
                P,
                _p(
                    "We keep your name, e-mail address, phone number (if you give one), address (if you ask us "
                    "to pick the items up), your note, and what you pledged and brought. We need them to arrange "
                    "the pledge, remind you of it and thank you. Only the campaign managers see them.",
                    "When the retention period after the campaign has passed, your name and contact details are "
                    "erased; the campaign's figures keep only how many items were pledged and brought.",
                ),
            ),
            _h("If you apply to be a mentor"),
            (
                P,
                _p(
                    "We keep your application (name, birth date, phone, answers), the outcome of the interview "
                    "and references, the date and result of the criminal-record check (never the certificate "
                    "itself), your training attendance and the meetings you log. We check criminal records "
                    "because the law requires it of everyone who works with children. Only the mentoring "
                    "programme's coordinators see this.",
                ),
            ),
            _h("Children in the mentoring programme"),
            (
                P,
                _p(
                    "Only a coordinator registers a child, with a parent's or guardian's consent: first name, "
                    "birth date, family case reference, interests and notes. A mentor sees only the child's "
                    "first name and interests. Every time a member of staff opens or changes a child's record, "
                    "it is logged. Reports we send to supporters show children and mentors by code only, "
                    "never by name.",
                ),
            ),
            _h("How long we keep it"),
            ("retention_periods", None),
            (
                P,
                _p(
                    "After that the data is erased automatically. A child's record keeps only figures (meeting "
                    "dates and hours), without the name or case reference; the meetings a mentor logged stay in "
                    "the programme's record without the mentor's contact details.",
                ),
            ),
            _h("Your rights"),
            (
                P,
                _p(
                    "Sign in and open “My account” → “My data”: there you see everything we keep about you, can "
                    "download it and ask for it to be erased. If you pledged without an account, use the private "
                    "link we sent you by e-mail. A donor's details are erased at once; a mentor's or applicant's "
                    "are erased by the coordinator within one month, and you are told by e-mail.",
                    "If you think we handle your data wrongly, write to us or to the Data State Inspectorate "
                    "(Datu valsts inspekcija).",
                ),
            ),
        ],
    },
}

TAG_NAMES_EN = {
    "Ģimene ģimenei": "Family to family",
    "labdarība": "charity",
    "mentori": "mentoring",
    "nometnes": "camps",
    "Ziemassvētki": "Christmas",
    "pasākumi": "events",
    "pārskats": "the year in review",
}

NEWS = [
    {
        "slug": "sakas-akcija-gimene-gimenei",
        "days_ago": 4,
        "tags": ["Ģimene ģimenei", "labdarība"],
        "lv": {
            "title": "Sākas labdarības akcija „Ģimene ģimenei”",
            "summary": "Skolas somas, kancelejas preces, ziemas zābaki un jakas – aicinām palīdzēt ģimenēm, "
            "kurām šoziem klājas grūti.",
            "body": [
                "Kopš ģimeņu stiprināšanas darba sākuma Bauskas novadā notiek labdarības akcija „Ģimene ģimenei”. "
                "Tā nodrošina grūtībās nonākušām ģimenēm ar bērniem to, kas visvairāk vajadzīgs: kancelejas "
                "piederumus, mugursomas, apavus un apģērbu.",
                "Akcijas lapā redzams, kas šobrīd vajadzīgs un cik jau apsolīts. Izvēlieties lietas, apsoliet "
                "tās tiešsaistē un atnesiet uz Centru – paldies katram ziedotājam!",
            ],
        },
        "en": {
            "title": "The “Family to family” campaign begins",
            "summary": "School bags, stationery, winter boots and jackets: help families who are having a hard "
            "winter.",
            "body": [
                "Since family support work began in Bauska municipality, the “Family to family” campaign has "
                "brought families in hardship what they need most: stationery, backpacks, shoes and clothing.",
                "The campaign page shows what is needed now and how much has been pledged. Choose items, pledge "
                "them online and bring them to the centre. Thank you to every donor!",
            ],
        },
    },
    {
        "slug": "mentoru-programma-sesi-jauniesi",
        "days_ago": 18,
        "tags": ["mentori"],
        "lv": {
            "title": "Mentoru programma: seši jaunieši, seši draugi",
            "summary": "Seši brīvprātīgie mentori vidēji desmit stundas mēnesī pavadīja kopā ar pusaudžiem no "
            "sociālā riska ģimenēm.",
            "body": [
                "Projekta laikā seši sociāli aktīvi jaunieši vecumā no 18 līdz 25 gadiem tika atlasīti un "
                "sagatavoti par brīvprātīgiem mentoriem. Viņi sniedza atbalstu sešiem 12–17 gadus veciem "
                "pusaudžiem, mēnesī vidēji desmit stundas pavadot kopā.",
                "Pastaigas, kino un sarunas par jauniešu problēmām – aizbilstamie novērtēja, ka beidzot kāds "
                "viņos klausās. Daži pāri sadarbību turpina joprojām. Tapa arī mentora darba rokasgrāmata.",
            ],
        },
        "en": {
            "title": "Mentoring programme: six young people, six friends",
            "summary": "Six volunteer mentors spent about ten hours a month with teenagers from families at "
            "social risk.",
            "body": [
                "During the project six socially active young people aged 18 to 25 were selected and trained "
                "as volunteer mentors. They supported six teenagers aged 12 to 17, spending about ten hours a "
                "month together.",
                "Walks, cinema and conversations about young people's problems: the mentees valued that at last "
                "somebody listened to them. Some pairs still meet. A mentor's handbook was written too.",
            ],
        },
    },
    {
        "slug": "divas-vasaras-nometnes",
        "days_ago": 75,
        "tags": ["nometnes"],
        "lv": {
            "title": "Divas vasaras nometnes: 12 ģimenes un 28 bērni",
            "summary": "Vecāki kopā ar bērniem atpūtās, mācījās un sadraudzējās divās vasaras nometnēs.",
            "body": [
                "Vasarā notika divas nometnes vecākiem kopā ar bērniem – viena ar ABLV Charitable Foundation "
                "līdzfinansējumu, otra – Eiropas Ekonomiskās zonas projekta ietvaros.",
                "Kopumā nometnēs piedalījās 12 ģimenes ar 28 bērniem: radošās darbnīcas, pārgājieni, sarunas "
                "vakarā pie ugunskura un laiks, ko ģimene ikdienā reti var atļauties pavadīt kopā.",
            ],
        },
        "en": {
            "title": "Two summer camps: 12 families and 28 children",
            "summary": "Parents and children rested, learnt and made friends at two summer camps.",
            "body": [
                "Two camps for parents together with their children took place in summer: one co-funded by the "
                "ABLV Charitable Foundation, the other within a European Economic Area project.",
                "Altogether 12 families with 28 children took part: creative workshops, hikes, evening talks by "
                "the campfire and time together that a family rarely has in everyday life.",
            ],
        },
    },
    {
        "slug": "ziemassvetku-davanas",
        "days_ago": 120,
        "tags": ["labdarība", "Ziemassvētki"],
        "lv": {
            "title": "Ziemassvētku dāvanas Centra ģimenēm",
            "summary": "Uzņēmēji no Rīgas sarūpēja dāvanas, apģērbu, apavus un rotaļlietas Centra ģimenēm.",
            "body": [
                "Pašā Ziemassvētku priekšvakarā Centra ģimenes saņēma atbalstu no uzņēmējiem Rīgā: skaisti "
                "noformētas dāvanas, kā arī apģērbu, apavus un rotaļlietas.",
                "Ģimenes saņēma arī Ziemassvētku paciņas no ziedotājiem Vācijā. Esam no sirds pateicīgi "
                "ikvienam ziedotājam un labdarim!",
            ],
        },
    },
    {
        "slug": "svetki-vecsaules-pagasta",
        "days_ago": 160,
        "tags": ["pasākumi", "labdarība"],
        "lv": {
            "title": "Studenti sarūpēja svētkus astoņām ģimenēm Vecsaules pagastā",
            "summary": "RISEBA studentu pašpārvalde sagādāja dāvanas, klāja galdu un rīkoja spēles.",
            "body": [
                "Gada sākumā RISEBA studentu pašpārvalde organizēja pasākumu astoņām projekta ģimenēm "
                "Vecsaules pagastā. Katrai ģimenei bija sarūpētas dāvanas, klāts galds, notika atrakcijas "
                "un spēles.",
                "Paldies studentiem par siltumu un laiku, ko viņi veltīja bērniem un viņu vecākiem.",
            ],
        },
    },
    {
        "slug": "gads-skaitlos",
        "days_ago": 200,
        "tags": ["pārskats"],
        "lv": {
            "title": "Gads skaitļos: 131 bērns un 41 ģimene mēnesī",
            "summary": "Ģimeņu stiprināšanas pakalpojumi sniegti 131 bērnam; vidēji mēnesī atbalstu saņēma "
            "105 bērni no 41 ģimenes.",
            "body": [
                "Gada laikā ģimeņu stiprināšanas pakalpojumi sniegti pavisam 131 bērnam. Vidēji mēnesī "
                "pakalpojumus un atbalstu saņēma 105 bērni no 41 ģimenes. Gada beigās projektā bija 119 bērni, "
                "12 jaunieši un 69 aprūpētāji no 45 ģimenēm.",
                "Deviņu ģimeņu lietas gada laikā tika slēgtas; apmēram divas trešdaļas no tām – tāpēc, ka "
                "ģimenes sasniedza patstāvību vai izpildīja attīstības plānā paredzētos mērķus.",
            ],
        },
    },
]


# The 2015 yearly report (seeds/002): the figures the portal cannot count.
YEAR_2015 = {
    "year": 2015,
    "children_supported": 131,
    "families_supported": 45,
    "children_per_month": 105,
    "families_per_month": 41,
    "high_risk_share": Decimal("3.7"),
    "medium_risk_share": Decimal("96.3"),
    "cases_closed": 9,
    "cases_goals_reached": 6,
    "camps": 2,
    "camp_families": 12,
    "camp_children": 28,
    "note": "Centra 2015. gada pārskats; ģimeņu skaits – uz 31. decembri.",
    "note_en": "The Centre's report for 2015; the number of families as on 31 December.",
}

IMPACT = {
    "lv": {
        "title": "Mūsu darbs skaitļos",
        "slug": "musu-darbs-skaitlos",
        "introduction": "Ko kopā paveicām: ģimenes, akcija „Ģimene ģimenei” un mentoru programma.",
        "intro": (
            "Skaitļi šajā lapā rēķināti no portāla datiem: apsolītās un saņemtās lietas, pateicības "
            "ziedotājiem, mentoru pāri un kopā pavadītās stundas (tikai koordinatora apstiprinātie mēneši). "
            "Gada skaitļus par ģimenēm un nometnēm Centra darbinieki ieraksta no gada pārskata."
        ),
    },
    "en": {
        "title": "Our work in figures",
        "slug": "our-work-in-figures",
        "introduction": "What we did together: families, the “Family to family” campaign and the mentoring programme.",
        "intro": (
            "The figures on this page are counted from the portal's data: items pledged and received, donors "
            "thanked, mentoring pairs and the hours they spent together (only months the coordinator approved). "
            "The yearly figures about families and camps are entered by the Centre's staff from the yearly report."
        ),
    },
}


def _live_figures_on_home(home, impact):
    """The home page's figures come from the data: the hand-typed "Gads skaitļos" block of an older demo
    gives way to the live figures, and the live figures link to the impact page."""
    changed = False
    body = []
    for block in home.body.raw_data:
        if block["type"] == "figures" and block["value"].get("title") in ("Gads skaitļos", "A year in figures"):
            block = {
                **block,
                "type": "live_figures",
                "value": {"title": block["value"]["title"], "figures": HOME_FIGURES},
            }
            changed = True
        if block["type"] == "live_figures" and block["value"].get("page") != impact.pk:
            block = {**block, "value": {**block["value"], "page": impact.pk}}
            changed = True
        body.append(block)
    if changed:
        home.body = body
        publish(home)


@register(40)
def load_impact(context):
    """The 2015 yearly figures and the impact page in both languages, after the apps' data."""
    YearlyFigures.objects.get_or_create(year=YEAR_2015["year"], defaults=YEAR_2015)
    home = HomePage.objects.get(locale__language_code="lv")
    impact = ImpactPage.objects.filter(locale=home.locale).first()
    if impact is None:
        english = Locale.objects.get(language_code="en")
        impact = ImpactPage(show_in_menus=False, **{**IMPACT["lv"], "intro": _p(IMPACT["lv"]["intro"])})
        home.add_child(instance=impact)
        publish(impact)
        translate(impact, english, **{**IMPACT["en"], "intro": _p(IMPACT["en"]["intro"])})
        Redirect.objects.filter(redirect_page__locale=english).delete()
        context.say("Impact: the impact page and the 2015 figures.")
    for page in HomePage.objects.all():
        link = ImpactPage.objects.filter(locale=page.locale).first() or impact
        _live_figures_on_home(page, link)
