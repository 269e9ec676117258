"""The server log's format: LOG_FORMAT=json gives one JSON object per line."""

import json
import logging


class JsonFormatter(logging.Formatter):
    """LOG_FORMAT=json: one JSON object per line, with the structured fields of the
    request and security logs (their `extra`), for a log collector to read."""

    STRUCTURED = ("request", "security")

    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
        }
        for name in self.STRUCTURED:
            line |= getattr(record, name, {})
        if not any(hasattr(record, name) for name in self.STRUCTURED):
            line["message"] = record.getMessage()
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)
