"""Field encryption for the high-risk data of minors (ID and phone numbers), and a keyed hash
beside each encrypted value so that exact search and duplicate detection work without decrypting.

Both keys derive from settings.LANTIAN_FIELD_KEY (any string; production takes it from the
environment). Fernet gives authenticated encryption with a random IV, so equal values encrypt
differently and the ciphertext cannot be searched: the HMAC-SHA256 hash is what queries use.
The two keys differ (domain-separated) so that the hash never helps an attack on the cipher."""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _master_key():
    key = getattr(settings, "LANTIAN_FIELD_KEY", "")
    if not key:
        raise ImproperlyConfigured("LANTIAN_FIELD_KEY is not set: encrypted fields cannot work.")
    return key.encode()


@lru_cache(maxsize=4)
def _fernet(master):
    derived = hashlib.sha256(b"lantian-field-encryption:" + master).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


@lru_cache(maxsize=4)
def _hash_key(master):
    return hashlib.sha256(b"lantian-keyed-hash:" + master).digest()


def normalise(value):
    """The form in which values are hashed: no spaces, upper case (an ID's check letter X)."""
    return "".join((value or "").split()).upper()


def encrypt(value):
    """Encrypt a string; the empty string stays empty so that blank fields stay blank."""
    if not value:
        return ""
    return _fernet(_master_key()).encrypt(value.encode()).decode()


def decrypt(token):
    if not token:
        return ""
    try:
        return _fernet(_master_key()).decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never echo the token or a value: only that the key does not fit.
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with this LANTIAN_FIELD_KEY."
        ) from error


def encrypt_bytes(data):
    """Encrypt a file's bytes (an upload waiting for confirmation) under the field key."""
    return _fernet(_master_key()).encrypt(bytes(data))


def decrypt_bytes(token):
    try:
        return _fernet(_master_key()).decrypt(bytes(token))
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted file cannot be read with this LANTIAN_FIELD_KEY."
        ) from error


def keyed_hash(value):
    """HMAC-SHA256 of the normalised value, hex; "" for an empty value (no hash of nothing)."""
    value = normalise(value)
    if not value:
        return ""
    return hmac.new(_hash_key(_master_key()), value.encode(), hashlib.sha256).hexdigest()


def mask(value, head=6, tail=4):
    """Show the start and the end only: 410182********123X. Short values are masked whole."""
    value = value or ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


class EncryptedCharField(models.TextField):
    """A text column that holds Fernet tokens; Python code and forms see the plain value.

    The column cannot be filtered on (each token differs): pair it with a keyed-hash field that
    the model fills in save(), and query that."""

    def __init__(self, *args, form_max_length=None, **kwargs):
        self.form_max_length = form_max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.form_max_length is not None:
            kwargs["form_max_length"] = self.form_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else (value or "")

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"max_length": self.form_max_length, "widget": forms.TextInput}
        defaults.update(kwargs)
        return super().formfield(**defaults)
