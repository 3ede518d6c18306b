"""Model fields that keep Vietnamese text in NFC whatever path it comes in by
(admin, fixtures, commands): the same word typed on two keyboards must be the
same string for search, sorting and uniqueness."""

from django.db import models

from .text import nfc


class NFCMixin:
    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value)
            setattr(model_instance, self.attname, value)
        return value


class NFCCharField(NFCMixin, models.CharField):
    pass


class NFCTextField(NFCMixin, models.TextField):
    pass
