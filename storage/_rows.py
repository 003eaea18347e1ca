"""Small conversions between SQL rows and model values shared by the repositories."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# One encoder for every row: json.dumps with options builds a new one per call,
# and storing a synced mail encodes half a dozen values.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def to_json(value: Any) -> str:
    return _ENCODER.encode(value)


def from_json(text: str | None, default: Any) -> Any:
    if not text:
        return default
    return json.loads(text)


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def datetime_or_none(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def time_or_none(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None
