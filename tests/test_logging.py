"""A failure reaches the log as its kind and its code frames, never the text it carried."""

import io
import logging

from django.conf import settings

from lantian.logging import WithholdExceptionText


def test_exception_text_is_withheld_from_the_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(WithholdExceptionText())
    logger = logging.getLogger("lantian.test.withhold")
    logger.addHandler(handler)
    logger.propagate = False
    # Built at run time so that the source line the traceback quotes does not hold them.
    name, id_number = "示例·" + "王小明", "4101822015" + "10149911"
    try:
        raise ValueError(f"{name} {id_number}")
    except ValueError:
        logger.exception("import failed")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "import failed" in written
    assert "ValueError: [message withheld]" in written
    assert "test_exception_text_is_withheld_from_the_log" in written  # the frames stay
    assert "410182201510149911" not in written
    assert "王小明" not in written


def test_every_handler_of_the_project_withholds_exception_text():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "withhold_exception_text" in handler.get("filters", []), name
