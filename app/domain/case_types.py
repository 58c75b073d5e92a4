"""The extra fields a case type asks for (court, country, institution...), and their checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.errors import ErrorCode, FieldError, ValidationFailed
from app.domain.field_checks import control_character

FIELD_KINDS = frozenset({"text", "textarea", "date", "bool", "choice"})
MAX_FIELD_TEXT = 2000


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    label_ar: str
    label_en: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> FieldSpec:
        kind = str(data.get("kind") or "text")
        if kind not in FIELD_KINDS:
            raise ValueError(f"unknown field kind {kind!r}")
        choices = data.get("choices") or ()
        return cls(
            key=str(data["key"]),
            label_ar=str(data["label_ar"]),
            label_en=str(data["label_en"]),
            kind=kind,
            required=bool(data.get("required")),
            choices=tuple(str(c) for c in choices) if isinstance(choices, list | tuple) else (),
        )


def clean_extra(specs: Sequence[FieldSpec], raw: Mapping[str, object]) -> dict[str, object]:
    """The type's fields from `raw`, cleaned; ValidationFailed names every bad one.

    Keys the type does not define are dropped (a type's field list may shrink over time).
    """
    out: dict[str, object] = {}
    errors: list[FieldError] = []
    for spec in specs:
        value = raw.get(spec.key)
        field = f"extra.{spec.key}"
        if spec.kind == "bool":
            out[spec.key] = bool(value)
            continue
        text = "" if value is None else str(value).strip()
        # Only a "textarea" field is several lines long.
        bad = control_character(text, multiline=spec.kind == "textarea")
        if bad is not None:
            errors.append(FieldError(field, ErrorCode.CONTROL_CHARACTER, {"char": bad}))
            continue
        if not text:
            if spec.required:
                errors.append(FieldError(field, ErrorCode.REQUIRED))
            out[spec.key] = None if spec.kind == "date" else ""
            continue
        if spec.kind == "date":
            try:
                out[spec.key] = date.fromisoformat(text).isoformat()
            except ValueError:
                errors.append(FieldError(field, ErrorCode.DATE_FORMAT))
        elif spec.kind == "choice":
            if text not in spec.choices:
                errors.append(FieldError(field, ErrorCode.INVALID_CHOICE))
            else:
                out[spec.key] = text
        elif len(text) > MAX_FIELD_TEXT:
            errors.append(FieldError(field, ErrorCode.TEXT_TOO_LONG, {"max": str(MAX_FIELD_TEXT)}))
        else:
            out[spec.key] = text
    if errors:
        raise ValidationFailed(errors)
    return out
