"""How dates and times are typed and shown in Vietnamese, for every form and
admin screen (settings.FORMAT_MODULE_PATH points here).

Django's own ``vi`` formats define no input formats, so its forms fell back
to the American ``m/d/Y``: "04/12/2026" was read as 12 April. Here the first
input format of each kind is the one the admin's calendar and clock widgets
write (they read ``get_format(...)[0]`` from the JavaScript catalog), and the
one a form shows a stored value with. ISO ``yyyy-mm-dd`` is accepted too.

Anything not defined here (separators, month names) comes from Django's
``django/conf/locale/vi/formats.py``. Public pages do not use these: each
theme formats its own date line (newsroom/themes.py)."""

# Shown: 04/12/2026 and 04/12/2026 14:30 (24 h).
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Thứ Hai

# Typed. The first of each list is what the widgets write and forms show.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 04/12/2026
    "%Y-%m-%d",  # 2026-12-04 (ISO)
    "%d-%m-%Y",  # 04-12-2026
    "%d.%m.%Y",  # 04.12.2026
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 14:30
    "%H:%M:%S",  # 14:30:59
    "%Hh%M",  # 14h30, as newsrooms often write it
    "%Hh",  # 14h
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %Hh%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
]
