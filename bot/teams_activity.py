"""The shape of a Bot Framework activity, checked before botbuilder deserialises it.

botbuilder (msrest) trusts the body: a ``from`` that is a string, a timestamp that is no date
or a list where an object belongs ends in an exception deep inside a turn (HTTP 500). Here the
fields the bot reads are checked strictly, nesting and sizes are bounded, and anything else is
refused with HTTP 400 and a short reason, before any of it reaches botbuilder.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, TypeVar

import orjson
from botbuilder.schema import Activity, ActivityTypes
from msrest.serialization import Model
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_DEPTH = 32  # Teams' deepest (an Adaptive Card in an attachment) is far below this
MAX_NODES = 20_000  # JSON values in one activity
KNOWN_TYPES = frozenset(t.value for t in ActivityTypes)

Id = Annotated[str, Field(min_length=1, max_length=1024)]
Text = Annotated[str, Field(max_length=1024)]


class ActivityRejected(ValueError):
    """A body that is not an activity the bot can read; the message says why, briefly."""


class _Shape(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", populate_by_name=True)


class _Account(_Shape):
    id: Id
    name: Text | None = None
    aadObjectId: Text | None = None
    role: Text | None = None


class _Conversation(_Account):
    conversationType: Text | None = None
    tenantId: Text | None = None
    isGroup: bool | None = None


class _Entity(_Shape):
    type: Text


class _Attachment(_Shape):
    contentType: Text
    contentUrl: Annotated[str, Field(max_length=8192)] | None = None
    name: Text | None = None


class _Reference(_Shape):
    id: Text | None = None
    name: Text | None = None


class _ChannelData(_Shape):
    tenant: _Reference | None = None
    team: _Reference | None = None
    channel: _Reference | None = None
    eventType: Text | None = None


class _Activity(_Shape):
    type: Text
    id: Id | None = None
    timestamp: Text | None = None
    localTimestamp: Text | None = None
    serviceUrl: Annotated[str, Field(min_length=1, max_length=2048)]
    channelId: Id
    from_: _Account = Field(alias="from")
    conversation: _Conversation
    recipient: _Account
    text: str | None = None
    textFormat: Text | None = None
    locale: Text | None = None
    replyToId: Text | None = None
    name: Text | None = None
    action: Text | None = None
    entities: Annotated[list[_Entity], Field(max_length=100)] | None = None
    attachments: Annotated[list[_Attachment], Field(max_length=50)] | None = None
    membersAdded: Annotated[list[_Account], Field(max_length=1000)] | None = None
    membersRemoved: Annotated[list[_Account], Field(max_length=1000)] | None = None
    channelData: _ChannelData | None = None
    value: dict[str, Any] | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in KNOWN_TYPES:
            raise ValueError("unknown activity type")
        return value

    @field_validator("timestamp", "localTimestamp")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        if value is not None:
            datetime.fromisoformat(value)  # ValueError: not an ISO 8601 date and time
        return value


def read_activity(body: bytes) -> Activity:
    """The activity in a request body, or ``ActivityRejected`` with a short reason."""
    try:
        data = _json(body)
    except RecursionError:
        raise ActivityRejected("body is nested too deeply") from None
    except ValueError:
        raise ActivityRejected("body is not JSON") from None
    if not isinstance(data, dict):
        raise ActivityRejected("body is not a Bot Framework activity")
    _check_size(data)
    try:
        shape = _Activity.model_validate(data)
    except ValidationError as error:
        raise ActivityRejected(_first_problem(error)) from None
    if shape.type == ActivityTypes.message and shape.id is None:
        raise ActivityRejected("id: a message needs an id")
    try:
        return read_model(Activity, data)
    except (ValueError, TypeError, AttributeError):
        raise ActivityRejected("body is not a Bot Framework activity") from None


_M = TypeVar("_M", bound=Model)

#: botbuilder's activity models by the names their attribute maps give as types
_MODELS: dict[str, type[Model]] = {
    name: model
    for name, model in Activity._infer_class_models().items()
    if isinstance(model, type) and issubclass(model, Model)
}
#: the keys each model's attribute map knows
_KEYS = {
    model: frozenset(spec["key"] for spec in model._attribute_map.values())
    for model in _MODELS.values()
}


def read_model(model: type[_M], data: Any) -> _M:
    """``data`` read into ``model`` as msrest's ``Deserializer`` reads it (the same objects:
    tests/bot/test_activity_reading.py compares them), in a tenth of its time, which was a
    tenth of a turn's: each field by its attribute map's key and type, the keys the map does
    not know kept in ``additional_properties``."""
    if not isinstance(data, dict):
        raise TypeError("an object was expected")
    attribute_map = model._attribute_map
    values = {
        name: _value(spec["type"], data.get(spec["key"])) for name, spec in attribute_map.items()
    }
    instance = model(**values)
    unknown = data.keys() - _KEYS[model]
    if unknown:
        instance.additional_properties = {key: data[key] for key in unknown}
    return instance


def _value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "str":
        return value if isinstance(value, str) else str(value)
    if kind == "object":
        return value
    if kind == "iso-8601":
        return datetime.fromisoformat(value)
    if kind == "bool":
        return _boolean(value)
    if kind in ("int", "float"):
        return int(value) if kind == "int" else float(value)
    if kind.startswith("["):
        if not isinstance(value, list):
            raise TypeError("a list was expected")
        return [_value(kind[1:-1], item) for item in value]
    if kind.startswith("{"):
        if not isinstance(value, dict):
            raise TypeError("an object was expected")
        return {key: _value(kind[1:-1], item) for key, item in value.items()}
    return read_model(_MODELS[kind], value)


def _boolean(value: Any) -> bool:
    if value in (True, False, 1, 0):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "1", "false", "0"):
        return value.lower() in ("true", "1")
    raise TypeError("a boolean was expected")


def _json(body: bytes) -> Any:
    """The body's JSON value, read by orjson; a body orjson refuses (a lone surrogate, which
    is a valid JSON escape though no Unicode, or deeper nesting than it reads) goes to the
    standard library's reader, which repairs the one and refuses the other."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return json.loads(body, object_hook=_whole_characters)


def _whole_characters(obj: dict[str, Any]) -> dict[str, Any]:
    """Lone surrogates (valid JSON escapes, not Unicode) become U+FFFD, so a stray one in a
    name or a text gets an answer instead of a refusal; a surrogate pair is kept as its
    character."""
    return {_repaired(key): _repaired(value) for key, value in obj.items()}


def _repaired(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    return value


def _check_size(data: dict[str, Any]) -> None:
    """Bounded nesting and count, walked without recursion."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    nodes = 0
    while pending:
        value, depth = pending.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise ActivityRejected("body has too many elements")
        if depth > MAX_DEPTH:
            raise ActivityRejected("body is nested too deeply")
        if isinstance(value, dict | list):
            items = value.values() if isinstance(value, dict) else value
            if nodes + len(pending) + len(items) > MAX_NODES:
                raise ActivityRejected("body has too many elements")
            pending.extend((item, depth + 1) for item in items)


def _first_problem(error: ValidationError) -> str:
    """``from.id: Input should be a valid string`` — where, and what was wrong."""
    problem = error.errors(include_url=False, include_context=False, include_input=False)[0]
    where = ".".join(str(part) for part in problem["loc"]) or "body"
    message = problem["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"
