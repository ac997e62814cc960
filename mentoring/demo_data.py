"""The mentoring programme as the 2015 report tells it: six young mentors, six teenagers,
months of meetings, one pair closed with its goals met, and two newcomers on their way
(one in screening, one in training). Every person here is invented."""

import datetime
import functools
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Locale

from home.demo import publish, register
from home.models import HomePage
from mentoring import dates
from mentoring.choices import Activity, ApplicationState, ClosureReason, ContactKind, Outcome
from mentoring.factories import (
    ApplicationFactory,
    CheckInFactory,
    InterviewFactory,
    MenteeFactory,
    MentorFactory,
    MentoringPageFactory,
    RecordCheckFactory,
    ReferenceFactory,
    TrainingAttendanceFactory,
    TrainingSessionFactory,
    years_ago,
)
from mentoring.models import Application, Meeting, MentoringPage, MonthReview, Pair

P = "paragraph"

MENTORS = [
    ("Laura", "Kalniņa", 22, "Volejbols, fotografēšana, kino"),
    ("Edgars", "Ozoliņš", 24, "Basketbols, mūzika, pārgājieni"),
    ("Anna", "Bērziņa", 20, "Zīmēšana, grāmatas, dzīvnieki"),
    ("Kārlis", "Zvaigzne", 23, "Futbols, programmēšana"),
    ("Elīna", "Ābola", 19, "Dejas, teātris, cepšana"),
    ("Rihards", "Liepiņš", 25, "Riteņbraukšana, šahs"),
]
MENTEES = [
    ("Daniela", 14, "Zīmē komiksus, patīk suņi"),
    ("Artūrs", 15, "Futbols, datorspēles"),
    ("Estere", 13, "Dzied korī, lasa fantāziju"),
    ("Niks", 16, "Velosipēdi, gribētu iemācīties programmēt"),
    ("Katrīna", 12, "Vingrošana, rokdarbi"),
    ("Mārtiņš", 17, "Mūzika, ģitāra"),
]
NOTES = [
    "Gājām pastaigā gar Mēmeli, runājām par skolu.",
    "Skatījāmies filmu kinoteātrī, pēc tam pārrunājām.",
    "Palīdzēju ar matemātikas mājasdarbu.",
    "Spēlējām basketbolu stadionā.",
    "Ilga saruna par draugiem un nākotnes plāniem.",
    "",
]
PAGE_BODY = {
    "lv": [
        (
            P,
            "<p>Mentors ir draugs un atbalsts pusaudzim no ģimenes, kurai šobrīd ir grūti. Jūs tiekaties "
            "aptuveni desmit stundas mēnesī: pastaigas, kino, sports, sarunas par to, kas svarīgs.</p>"
            "<p>Mēs meklējam sociāli aktīvus jauniešus no 18 līdz 25 gadiem. Pirms darba ar bērniem ir saruna "
            "ar koordinatoru, divas atsauksmes, izziņa par sodāmību un apmācība. Koordinators ir blakus visu "
            "sadarbības laiku.</p>",
        ),
        ("heading", {"text": "Kā notiek pieteikšanās", "level": "h2"}),
        (
            P,
            "<ol><li>Aizpildiet pieteikumu šajā lapā.</li><li>Saruna, atsauksmes un sodāmības pārbaude.</li>"
            "<li>Apmācība mentoriem.</li><li>Iepazīšanās ar savu aizbilstamo un pirmā tikšanās.</li></ol>",
        ),
        ("quote", {"text": "Beidzot kāds mani uzklausa.", "attribution": "Programmas dalībnieks, 15 gadi"}),
    ],
    "en": [
        (
            P,
            "<p>A mentor is a friend and a support to a teenager from a family going through a hard time. You "
            "meet for about ten hours a month: walks, cinema, sport, talks about what matters.</p>"
            "<p>We are looking for socially active young people aged 18 to 25. Before working with children "
            "there is a conversation with the coordinator, two references, a criminal record certificate and "
            "training. The coordinator is at your side throughout.</p>",
        ),
        ("heading", {"text": "How to apply", "level": "h2"}),
        (
            P,
            "<ol><li>Fill in the application on this page.</li><li>A conversation, references and the record "
            "check.</li><li>Training for mentors.</li><li>Meeting your mentee for the first time.</li></ol>",
        ),
        ("quote", {"text": "Finally somebody listens to me.", "attribution": "A participant, aged 15"}),
    ],
}


@register(30)
def load_mentoring(context):
    if Application.objects.exists() or MentoringPage.objects.exists():
        context.say("Mentoring: already loaded.")
        return
    rng = context.rng
    today = timezone.localdate()
    _pages()

    from accounts.factories import UserFactory

    coordinator = UserFactory(
        email="koordinatore@example.org", first_name="Inga", last_name="Mežale", groups=["Mentoring coordinators"]
    )
    sessions = [
        TrainingSessionFactory(date=today - datetime.timedelta(days=230), topic="Mentora loma un robežas"),
        TrainingSessionFactory(date=today - datetime.timedelta(days=223), topic="Bērna drošība un uzticēšanās"),
        TrainingSessionFactory(date=today - datetime.timedelta(days=10), topic="Saruna ar pusaudzi", hours=1),
    ]

    start = dates.add_months(today, -7) + datetime.timedelta(days=4)
    pairs = []
    for index, ((first, last, age, interests), (child, child_age, child_interests)) in enumerate(
        zip(MENTORS, MENTEES, strict=True)
    ):
        user = UserFactory(email=f"mentors{index + 1}@example.org", first_name=first, last_name=last)
        mentor = MentorFactory(
            user=user,
            full_name=f"{first} {last}",
            birth_date=years_ago(age, days=rng.randint(30, 300)),
            interests=interests,
            submitted_at=timezone.now() - datetime.timedelta(days=260),
            screening=False,
        )
        InterviewFactory(application=mentor, date=today - datetime.timedelta(days=250), interviewer="Inga Mežale")
        ReferenceFactory(
            application=mentor, referee="Skolotāja vai darba devējs", date=today - datetime.timedelta(days=245)
        )
        # One check runs out soon, so the coordinator's flag has something to show.
        valid_days = 25 if index == 3 else 365 + 120
        RecordCheckFactory(
            application=mentor,
            checked_on=today - datetime.timedelta(days=240),
            valid_until=today + datetime.timedelta(days=valid_days),
        )
        for session in sessions[:2]:
            TrainingAttendanceFactory(session=session, application=mentor)
        mentee = MenteeFactory(
            first_name=child,
            birth_date=years_ago(child_age, days=rng.randint(200, 300)),
            interests=child_interests,
            guardian_consent_on=start - datetime.timedelta(days=14),
        )
        pairs.append(
            Pair.objects.create(
                mentor=mentor,
                mentee=mentee,
                coordinator=coordinator,
                start_date=start + datetime.timedelta(days=index),
                goals="Regulāras tikšanās, uzticēšanās, atbalsts mācībās un brīvā laika idejas.",
                planned_end=start + datetime.timedelta(days=365),
            )
        )

    closed = pairs[2]
    closed_on = dates.add_months(today, -1) + datetime.timedelta(days=14)
    meetings = []
    for pair in pairs:
        last_day = closed_on if pair is closed else today
        day = pair.start_date + datetime.timedelta(days=rng.randint(1, 4))
        while day <= last_day:
            meetings.append(
                Meeting(
                    pair=pair,
                    date=day,
                    hours=Decimal(rng.choice([1, 1.5, 2, 2, 2.5, 3, 3.5])).quantize(Decimal("0.25")),
                    activity=rng.choice(list(Activity.values)),
                    note=rng.choice(NOTES),
                    logged_by=pair.mentor.user,
                )
            )
            day += datetime.timedelta(days=rng.randint(5, 9))
    Meeting.objects.bulk_create(meetings)
    worry = Meeting.objects.filter(pair=pairs[1]).order_by("-date").first()
    worry.concern = True
    worry.note = "Šķita nomākts, teica, ka mājās bieži strīdas. Lūdzu, sazinieties ar ģimeni."
    worry.save()

    # Months are approved up to two months ago; last month waits for the coordinator.
    # Check-ins: two in each pair's first weeks, one last month, and this month for every other
    # pair, so the dashboard shows pairs in touch beside overdue ones.
    for index, pair in enumerate(pairs):
        for month in dates.month_range(pair.start_date, dates.add_months(today, -2)):
            hours = sum(
                (m.hours for m in meetings if m.pair_id == pair.pk and dates.month_start(m.date) == month),
                Decimal("0"),
            )
            MonthReview.objects.create(pair=pair, month=month, hours=hours, approved_by=coordinator)
        for offset in (2, 12):
            CheckInFactory(
                pair=pair, date=pair.start_date + datetime.timedelta(days=offset), contact=ContactKind.MENTOR
            )
        CheckInFactory(
            pair=pair, date=dates.add_months(today, -1) + datetime.timedelta(days=3), contact=ContactKind.GUARDIAN
        )
        if index % 2 == 0 and pair is not closed:
            CheckInFactory(
                pair=pair,
                date=max(dates.month_start(today), today - datetime.timedelta(days=6)),
                contact=ContactKind.MENTEE,
            )

    closed.closed_on = closed_on
    closed.closure_reason = ClosureReason.GOALS_MET
    closed.exit_notes = "Estere sadraudzējās ar klasesbiedriem un sāka apmeklēt kora nodarbības; mērķi sasniegti."
    closed.save()

    in_screening = ApplicationFactory(
        user=UserFactory(email="pieteicejs1@example.org", first_name="Ģirts", last_name="Ķēniņš"),
        full_name="Ģirts Ķēniņš",
        birth_date=years_ago(19, days=100),
        state=ApplicationState.SCREENING,
        submitted_at=timezone.now() - datetime.timedelta(days=12),
    )
    InterviewFactory(application=in_screening, date=today - datetime.timedelta(days=5), outcome=Outcome.PASSED)
    in_training = ApplicationFactory(
        user=UserFactory(email="pieteiceja2@example.org", first_name="Šarlote", last_name="Žubure"),
        full_name="Šarlote Žubure",
        birth_date=years_ago(21, days=40),
        state=ApplicationState.TRAINING,
        submitted_at=timezone.now() - datetime.timedelta(days=40),
    )
    InterviewFactory(application=in_training, date=today - datetime.timedelta(days=30))
    ReferenceFactory(application=in_training, date=today - datetime.timedelta(days=28))
    RecordCheckFactory(application=in_training, checked_on=today - datetime.timedelta(days=25))
    TrainingAttendanceFactory(session=sessions[2], application=in_training)

    context.say(
        f"Mentoring: {len(pairs)} pairs ({len(meetings)} meetings, one closed), "
        "one applicant in screening, one in training; coordinator koordinatore@example.org."
    )


def _pages():
    """The "Become a mentor" page in Latvian and English; the home page's call to mentor leads to it."""
    home = HomePage.objects.get(locale__language_code="lv")
    page = MentoringPageFactory(
        parent=home,
        title="Kļūstiet par mentoru",
        slug="kluti-par-mentoru",
        introduction="Desmit stundas mēnesī, kas pusaudzim var mainīt daudz. Piesakieties, ja jums ir 18–25 gadi.",
        body=PAGE_BODY["lv"],
        show_in_menus=False,
    )
    publish(page)
    home.mentor_page = page
    publish(home)
    english = Locale.objects.filter(language_code="en").first()
    home_en = home.get_translation_or_none(english) if english else None
    if home_en is None:
        return
    translation = page.copy_for_translation(english)
    translation.title = "Become a mentor"
    translation.slug = "become-a-mentor"
    translation.introduction = "Ten hours a month that can change a lot for a teenager. Apply if you are 18 to 25."
    translation.body = PAGE_BODY["en"]
    publish(translation)
    home_en = HomePage.objects.get(pk=home_en.pk)
    home_en.mentor_page = translation
    publish(home_en)


# The mentor's handbook: a short invented one, in both languages. The 2013–2015 project wrote the
# centre's first handbook (seeds); these pages are new text on the same ground: the training, the
# first meetings, worries, and ending well.

H = "heading"
HANDBOOK = {
    "root": {
        "lv": (
            "Mentora rokasgrāmata",
            "mentora-rokasgramata",
            "Centra mentoriem: kā sākt, kā tikties un kur meklēt palīdzību.",
            [
                (
                    P,
                    "<p>Pirmā mentora darba rokasgrāmata tapa centra projektā 2013.–2015. gadā. Šī ir tās īsā, "
                    "jaunā versija: apmācības pamati, padomi pirmajām tikšanās reizēm un tas, kā rīkoties, "
                    "ja kaut kas satrauc.</p><p>Rokasgrāmatu papildina koordinators. Ja kaut kā pietrūkst, "
                    "pastāstiet.</p>",
                ),
            ],
        ),
        "en": (
            "Mentor's handbook",
            "mentors-handbook",
            "For the centre's mentors: how to start, how to meet, and where to find help.",
            [
                (
                    P,
                    "<p>The centre's first mentor handbook was written in its 2013–2015 project. This is a "
                    "short new version: the basics of the training, ideas for the first meetings, and what to "
                    "do when something worries you.</p><p>The coordinator keeps it up to date. If something "
                    "is missing, tell them.</p>",
                ),
            ],
        ),
    },
    "training": {
        "lv": (
            "Apmācība",
            "apmaciba",
            "Ko apgūstat pirms pirmās tikšanās ar aizbilstamo.",
            [
                (
                    P,
                    "<p>Apmācība ir trīs nodarbības: mentora loma un robežas, bērna drošība un uzticēšanās, "
                    "saruna ar pusaudzi. Pēc tām koordinators jūs apstiprina par mentoru.</p>",
                ),
            ],
        ),
        "en": (
            "Training",
            "training",
            "What you learn before you first meet your mentee.",
            [
                (
                    P,
                    "<p>The training is three sessions: the mentor's role and its limits, the child's safety "
                    "and trust, talking with a teenager. After them the coordinator approves you as a "
                    "mentor.</p>",
                ),
            ],
        ),
    },
    "role": {
        "lv": (
            "Mentora loma un robežas",
            "mentora-loma",
            "Draugs un atbalsts, nevis vecāks, skolotājs vai sociālais darbinieks.",
            [
                (
                    P,
                    "<p>Mentors ir vecāks draugs, kuram pusaudzis var uzticēties. Jūs neaizstājat ģimeni un "
                    "nerisināt tās problēmas: to dara centra speciālisti.</p>"
                    "<ul><li>Turiet doto vārdu: ja nevarat ierasties, pasakiet laikus.</li>"
                    "<li>Neaizdodiet naudu un nepērciet dārgas dāvanas.</li>"
                    "<li>Nesolāt glabāt noslēpumu, kas var apdraudēt bērnu.</li></ul>",
                ),
            ],
        ),
        "en": (
            "The mentor's role and its limits",
            "mentors-role",
            "A friend and a support, not a parent, a teacher or a social worker.",
            [
                (
                    P,
                    "<p>A mentor is an older friend a teenager can trust. You do not replace the family or "
                    "solve its problems: the centre's specialists do that.</p>"
                    "<ul><li>Keep your word: if you cannot come, say so in good time.</li>"
                    "<li>Do not lend money or buy expensive presents.</li>"
                    "<li>Never promise to keep a secret that could put the child at risk.</li></ul>",
                ),
            ],
        ),
    },
    "safety": {
        "lv": (
            "Bērna drošība",
            "berna-drosiba",
            "Tikšanās vietas, robežas un ko darīt, ja bērnam draud briesmas.",
            [
                (
                    P,
                    "<p>Tiekaties publiskās vietās: parkā, bibliotēkā, kafejnīcā, stadionā. Vienojieties ar "
                    "ģimeni par laiku un vietu.</p><p>Ja bērnam draud briesmas, zvaniet 112. Par visu, kas "
                    "satrauc, pastāstiet koordinatoram tajā pašā dienā.</p>",
                ),
            ],
        ),
        "en": (
            "Keeping the child safe",
            "child-safety",
            "Where to meet, where the limits are, and what to do when a child is in danger.",
            [
                (
                    P,
                    "<p>Meet in public places: a park, the library, a café, the stadium. Agree on the time "
                    "and place with the family.</p><p>If the child is in danger, call 112. Tell the "
                    "coordinator about anything that worries you the same day.</p>",
                ),
            ],
        ),
    },
    "mentoring": {
        "lv": (
            "Darbs ar aizbilstamo",
            "darbs-ar-aizbilstamo",
            "Apstiprinātiem mentoriem: tikšanās, grūtības un noslēgums.",
            [
                (
                    P,
                    "<p>Jūs un jūsu aizbilstamais tiekaties aptuveni desmit stundas mēnesī. Katru tikšanos "
                    "ierakstiet sadaļā „Mans mentora darbs”, drīz pēc tās.</p>",
                ),
            ],
        ),
        "en": (
            "Working with your mentee",
            "working-with-your-mentee",
            "For approved mentors: meetings, hard moments and ending well.",
            [
                (
                    P,
                    "<p>You and your mentee meet for about ten hours a month. Log each meeting under "
                    "“My mentoring” soon after it happens.</p>",
                ),
            ],
        ),
    },
    "first": {
        "lv": (
            "Pirmās tikšanās",
            "pirmas-tiksanas",
            "Idejas, kā iepazīties bez spiediena.",
            [
                (
                    P,
                    "<p>Pirmajā reizē pietiek ar pastaigu un sarunu. Ļaujiet pusaudzim izvēlēties, ko darīt "
                    "nākamreiz.</p><ul><li>Pastaiga gar upi vai pa pilsdrupām</li><li>Kino un saruna pēc "
                    "tam</li><li>Basketbols, velosipēdi, galda spēles</li><li>Palīdzība ar mājasdarbu, ja "
                    "pusaudzis to vēlas</li></ul>",
                ),
            ],
        ),
        "en": (
            "The first meetings",
            "first-meetings",
            "Ideas for getting to know each other without pressure.",
            [
                (
                    P,
                    "<p>The first time, a walk and a talk are enough. Let the teenager choose what to do "
                    "next time.</p><ul><li>A walk by the river or around the castle ruins</li><li>Cinema and "
                    "a talk afterwards</li><li>Basketball, bikes, board games</li><li>Help with homework, if "
                    "the teenager wants it</li></ul>",
                ),
            ],
        ),
    },
    "worries": {
        "lv": (
            "Kad kaut kas satrauc",
            "kad-kaut-kas-satrauc",
            "Pie kā vērsties un kā to ierakstīt.",
            [
                (
                    P,
                    "<p>Ierakstot tikšanos, atzīmējiet „Kaut kas mani satrauc”: koordinators uzreiz saņem "
                    "e-pastu. Ja lieta ir steidzama, zvaniet koordinatoram vai centram.</p><p>Jūs neesat "
                    "vieni: koordinators satiekas ar jums un ģimeni regulāri.</p>",
                ),
            ],
        ),
        "en": (
            "When something worries you",
            "when-something-worries-you",
            "Whom to turn to, and how to log it.",
            [
                (
                    P,
                    "<p>When you log a meeting, tick “Something worries me”: the coordinator gets an e-mail "
                    "at once. If it is urgent, call the coordinator or the centre.</p><p>You are not alone: "
                    "the coordinator keeps in touch with you and the family.</p>",
                ),
            ],
        ),
    },
}
# Which page goes under which, and which parts are for approved mentors only.
HANDBOOK_TREE = [("training", "root"), ("role", "training"), ("safety", "training"), ("mentoring", "root")]
HANDBOOK_TREE += [("first", "mentoring"), ("worries", "mentoring")]
HANDBOOK_DOCUMENTS = {
    "training": ("Apmācības darba lapa", "Training worksheet", "apmacibas-darba-lapa.pdf", False),
    "first": ("Tikšanās plānotājs", "Meeting planner", "tiksanas-planotajs.pdf", True),
}


@functools.cache
def _worksheet(title, english):
    """A one-page PDF worksheet, drawn with the certificate's fonts (the same bytes every time:
    drawn once a process, as the tests load the handbook many times)."""
    from mentoring.certificates import CertificatePDF

    pdf = CertificatePDF()
    pdf.add_page()
    pdf.centred(f"{title} / {english}", family="Sans", style="B", size=18, height=10)
    pdf.set_y(pdf.get_y() + 6)
    for line in ["Datums / Date: ______________", "Ko darījām / What we did:", "", "", "Nākamreiz / Next time:"]:
        pdf.centred(line, family="Sans", size=12, height=12)
    return bytes(pdf.output())


def _handbook_document(title, english, filename, collection):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(_worksheet(title, english)), save=False)
    document.save()
    return document


@register(31)
def load_handbook(context):
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from home.demo import editor_html
    from mentoring import services
    from mentoring.models import HandbookPage
    from mentoring.rules import MENTORS_GROUP, TRAINEES_GROUP

    if HandbookPage.objects.exists():
        context.say("Mentor's handbook: already loaded.")
        return
    mentors, _ = Group.objects.get_or_create(name=MENTORS_GROUP)
    trainees, _ = Group.objects.get_or_create(name=TRAINEES_GROUP)
    groups = {"root": [mentors, trainees], "mentoring": [mentors]}

    # Documents: the handbook's collection (mentors and trainees), and one inside it for mentors only.
    root_collection = Collection.get_first_root_node()
    handbook_collection = root_collection.add_child(name="Mentora rokasgrāmata")
    mentors_collection = handbook_collection.add_child(name="Tikai mentoriem")
    for collection, members in ((handbook_collection, groups["root"]), (mentors_collection, groups["mentoring"])):
        restriction = CollectionViewRestriction.objects.create(restriction_type="groups", collection=collection)
        restriction.groups.set(members)
    documents = {
        key: _handbook_document(title, title_en, filename, mentors_collection if only else handbook_collection)
        for key, (title, title_en, filename, only) in HANDBOOK_DOCUMENTS.items()
    }

    def body(key, language):
        blocks = [(kind, editor_html(value) if kind == P else value) for kind, value in HANDBOOK[key][language][3]]
        if key in documents:
            title = HANDBOOK_DOCUMENTS[key][0 if language == "lv" else 1]
            blocks.append(("document", {"document": documents[key], "title": title}))
        return blocks

    english = Locale.objects.filter(language_code="en").first()
    pages = {}
    for key, parent in [("root", None), *HANDBOOK_TREE]:
        title, slug, introduction, _blocks = HANDBOOK[key]["lv"]
        parent_page = pages[parent] if parent else HomePage.objects.get(locale__language_code="lv")
        page = HandbookPage(title=title, slug=slug, introduction=introduction, body=body(key, "lv"))
        parent_page.add_child(instance=page)
        publish(page)
        pages[key] = page
        if key in groups:
            restriction = PageViewRestriction.objects.create(restriction_type="groups", page=page)
            restriction.groups.set(groups[key])
        if english and (page.get_parent().get_translation_or_none(english)):
            title, slug, introduction, _blocks = HANDBOOK[key]["en"]
            translation = page.copy_for_translation(english)
            translation.title, translation.slug, translation.introduction = title, slug, introduction
            translation.body = body(key, "en")
            publish(translation)
            # A translation is private exactly as its source is (wagtail-localize copies restrictions too).
            if key in groups and not translation.view_restrictions.exists():
                restriction = PageViewRestriction.objects.create(restriction_type="groups", page=translation)
                restriction.groups.set(groups[key])
    for application in Application.objects.exclude(user=None).select_related("user"):
        services.sync_handbook_access(application.user)
    context.say(
        f"Mentor's handbook: {len(pages)} pages in each language, {len(documents)} documents; "
        f"{mentors.user_set.count()} mentors and {trainees.user_set.count()} in training can read it."
    )
