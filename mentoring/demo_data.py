"""The mentoring programme as the 2015 report tells it: six young mentors, six teenagers,
months of meetings, one pair closed with its goals met, and two newcomers on their way
(one in screening, one in training). Every person here is invented."""

import datetime
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
