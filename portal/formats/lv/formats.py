# A short Latvian date ends with a dot, as the year is an ordinal: "10.12.2026." (latvian.md);
# everything else comes from Django's own Latvian formats.
SHORT_DATE_FORMAT = r"j.m.Y."
SHORT_DATETIME_FORMAT = r"j.m.Y. H:i"
