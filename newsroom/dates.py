"""Dates and times as an editor types them: ``dd/mm/yyyy`` and ``HH:MM``
(24 h) in the newsroom's time zone, which the form names.

The formats themselves are in newsroom/formats/vi/formats.py (every form and
the admin's calendar and clock use them). This module gives the admin's date
and time inputs Vietnamese errors that say how to type a date, and a help
text that says which clock the time is on. A ModelAdmin with editable
date-times uses it with ``formfield_overrides = DATETIME_FORMFIELDS``."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Zones whose people call their clock by a name, not a city.
ZONE_NAMES = {
    "Asia/Ho_Chi_Minh": _("giờ Việt Nam"),
    "Asia/Saigon": _("giờ Việt Nam"),
}


def utc_offset_label(zone=None, at=None):
    """``GMT+7`` (or ``GMT+5:30``) for the zone at the given moment (now)."""
    zone = zone or timezone.get_default_timezone()
    offset = (at or timezone.now()).astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def _time_zone_label():
    name = ZONE_NAMES.get(settings.TIME_ZONE)
    return f"{name if name else settings.TIME_ZONE}, {utc_offset_label()}"


#: "giờ Việt Nam, GMT+7": the clock every date and time in the admin is on
#: (settings.TIME_ZONE).
time_zone_label = lazy(_time_zone_label, str)


def typing_help():
    return format_lazy(
        _("Ngày gõ dạng ngày/tháng/năm, ví dụ 04/12/2026; giờ dạng giờ:phút (24 giờ), ví dụ 14:30; theo {zone}."),
        zone=time_zone_label(),
    )


class VietnameseSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date + time inputs, with errors that say what to type."""

    default_error_messages = {
        "invalid_date": _("Ngày không đúng: hãy gõ ngày/tháng/năm có thật, ví dụ 04/12/2026."),
        "invalid_time": _("Giờ không đúng: hãy gõ giờ:phút từ 00:00 đến 23:59, ví dụ 14:30."),
    }

    def __init__(self, *args, **kwargs):
        help_text = kwargs.get("help_text")
        kwargs["help_text"] = format_lazy("{} {}", help_text, typing_help()) if help_text else typing_help()
        super().__init__(*args, **kwargs)
        # The sub-fields report their own "invalid" before compress() runs.
        self.fields[0].error_messages["invalid"] = self.error_messages["invalid_date"]
        self.fields[1].error_messages["invalid"] = self.error_messages["invalid_time"]

    def clean(self, value):
        # A date without a time (or a time without a date) is an error that
        # names the missing half, not a silent midnight.
        if isinstance(value, list | tuple) and len(value) == 2:
            date, time = (str(part or "").strip() for part in value)
            if date and not time:
                raise forms.ValidationError(gettext("Hãy gõ cả giờ, ví dụ 14:30."), code="invalid_time")
            if time and not date:
                raise forms.ValidationError(gettext("Hãy gõ cả ngày, ví dụ 04/12/2026."), code="invalid_date")
        return super().clean(value)


#: ``formfield_overrides`` for a ModelAdmin with editable date-times.
DATETIME_FORMFIELDS = {
    models.DateTimeField: {"form_class": VietnameseSplitDateTimeField, "widget": AdminSplitDateTime},
}
