"""Log records without the text of exceptions.

An exception's message can carry what a user typed or what the database refused — a child's
name, an ID number, PostgreSQL's "DETAIL: Key (…)=(…)". Every handler of the project therefore
writes a failure as its kind and the frames of its traceback (file, line, function and source
line: code, never data), and drops the message and any chained exception's message."""

import logging
import traceback


def redacted_traceback(exc_info):
    kind, _value, tb = exc_info
    frames = "".join(traceback.format_tb(tb))
    name = kind.__qualname__ if kind else "Exception"
    return f"Traceback (most recent call last):\n{frames}{name}: [message withheld]"


class WithholdExceptionText(logging.Filter):
    def filter(self, record):
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redacted_traceback(record.exc_info)
            record.exc_info = None
        return True
