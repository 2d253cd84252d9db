"""Rows checked at the preview, kept until the user confirms, so that the write need not read and
validate the whole file a second time (it was a third of an import's time, docs/benchmarks.md).

What is kept is what ``engine.check_cells`` found: each row's values and the errors of its cells.
It depends on the file, the columns, the tables the cells are looked up in (townships,
villages …) and, where a lookup is the user's (a visit's case), the user's jurisdiction; so it
is kept together with a fingerprint of those, and the write uses it only while the fingerprint
is unchanged. Everything the registry decides (which
record a row updates, what changes, the user's jurisdiction) is settled again at the write in any
case (``engine.settle``). Columns whose rules an administrator can change while the site runs
(the low-code layer's custom fields) are not kept at all: a sheet with one is checked again.

The rows are a minor's data: they are kept encrypted under the field key (``crypto``), in the
cache that every application server shares, for as long as an upload may wait
(``ImportRecord.PENDING_FOR``), and forgotten once the import is written or cancelled. A cache
that lost them only costs a second check."""

import hashlib
import pickle

from django.core.cache import cache
from django.utils.encoding import force_str

from lantian.crypto import decrypt_bytes, encrypt_bytes

from .columns import ExtraField

# Lookup tables larger than this are not fingerprinted (reading them would cost what it saves):
# rows whose cells name records of such a table are checked again at the write.
TABLE_LIMIT = 5000


def _key(record):
    return f"lantian:import-checked:{record.pk}"


def fingerprint(resource, record, headings):
    """A digest of everything ``check_cells`` depends on, or None when the rows should not be
    kept (a column whose rules may change while the site runs; a lookup table too large)."""
    own_related = {force_str(c.heading) for c in resource.related_columns()}
    digest = hashlib.sha256()
    # The upload as stored (encrypted): it never changes for a record, and need not be decrypted.
    digest.update(hashlib.sha256(bytes(record.content or b"")).digest())
    digest.update(f"{record.resource}|{record.user_id}|{record.file_name}".encode())
    digest.update("\x1f".join(resource.headings()).encode())
    digest.update(b"\x1e" + "\x1f".join(headings).encode())
    in_sheet = set(headings)
    for f in resource.column_fields():
        heading = force_str(f.column_name)
        if heading not in in_sheet:
            continue
        if isinstance(f, ExtraField) and heading not in own_related:
            return None
        model_field = resource.model_field(f.attribute)
        if model_field is None or not model_field.is_relation:
            continue
        table = model_field.related_model._default_manager.order_by("pk")
        if table.count() > TABLE_LIMIT:
            return None
        digest.update(f.attribute.encode())
        for values in table.values_list():
            digest.update(repr(values).encode())
    digest.update(b"\x1d" + resource.lookup_scope().encode())
    return digest.hexdigest()


def snapshot(plan):
    """The rows as ``check_cells`` left them, as bytes (``settle`` changes them in place)."""
    return pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)


def keep(record, data, stamp, timeout):
    """Keep a ``snapshot`` for the write, encrypted, under the fingerprint ``stamp``."""
    if stamp is None:
        return
    token = encrypt_bytes(pickle.dumps((stamp, data), protocol=pickle.HIGHEST_PROTOCOL))
    cache.set(_key(record), token, timeout)


def take(record, stamp):
    """The kept rows of ``record`` if they were checked under ``stamp``, else None. Rows that
    cannot be read back (the field key rotated, the code deployed anew since the check) are as
    good as lost: the file is checked again."""
    token = cache.get(_key(record))
    if token is None or stamp is None:
        return None
    try:
        # Fernet authenticates the token under the field key: only this module wrote it.
        kept_stamp, data = pickle.loads(decrypt_bytes(token))  # noqa: S301
        if kept_stamp != stamp:
            return None
        return pickle.loads(data)  # noqa: S301 - inside the same authenticated token
    except Exception:  # any failure here only costs a second check
        return None


def forget(record):
    cache.delete(_key(record))
