"""Log records as one line each, so a log shipper or `grep` sees one event per line."""

import logging


class OneLineFormatter(logging.Formatter):
    """The time, level, logger and message; a traceback follows on the same line, its
    line breaks written as ` | `."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", " | ")
