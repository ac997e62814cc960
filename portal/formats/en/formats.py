# English as the centre writes it (latvian.md: "Thursday, 10 December 2026"): the day before the
# month, never the American "12/05/2026", which a Latvian reader takes for the 12th of May.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
