"""Article audio: the type is decided from the file's content (MP3, M4A or
OGG), never from its name or the browser's word; stored under a random name."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

AUDIO_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg"}
M4A_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso2", b"dash"}


def sniff_audio(head):
    """ "mp3", "m4a", "ogg" or None, from the first bytes of a file."""
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3"):
        return "mp3"
    # An MPEG audio frame: 11 sync bits, layer III (or II), not a reserved version.
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06) != 0:
        return "mp3"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in M4A_BRANDS:
        return "m4a"
    return None


def audio_content_type(name):
    return AUDIO_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def check_audio(upload):
    """Check an uploaded audio file and give it a random name with the
    extension of its real type; raise ValidationError otherwise."""
    limit = settings.NEWSROOM_AUDIO_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("Tệp âm thanh rỗng."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("Tệp âm thanh quá lớn (%(size)s). Giới hạn là %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    kind = sniff_audio(head)
    if kind is None:
        raise ValidationError(
            _("Tệp này không phải âm thanh MP3, M4A hoặc OGG."),
            code="bad_type",
        )
    upload.name = f"{uuid.uuid4().hex}.{kind}"
    return upload
