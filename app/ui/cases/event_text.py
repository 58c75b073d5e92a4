"""What a case event says, in words: a one-line summary for the timeline and the full text
(every field, labelled) for the pane beside it. Codes are translated, ids become names."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.domain.case_events import EventKind
from app.services.case_dto import CaseEventView
from app.ui.common import case_labels
from app.ui.common.translations import QT_TRANSLATE_NOOP

CONTEXT = "CaseEventText"
translate = QCoreApplication.translate


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class Names:
    """Turns stored codes and ids into names: agencies, users."""

    agency: Callable[[str], str]
    user: Callable[[str | None], str]


def confidential_text() -> str:
    return translate("CaseEventText", "Confidential")


def _text(event: CaseEventView, key: str) -> str:
    value = event.payload.get(key)
    return "" if value is None else str(value)


def _needs(value: object) -> str:
    codes = value if isinstance(value, list) else []
    return translate("CaseEventText", ", ").join(case_labels.need(str(n)) for n in codes)


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def summary(event: CaseEventView, names: Names) -> str:
    """One line about the event (its content hidden when it is confidential to the reader)."""
    if event.hidden:
        return confidential_text()
    kind, p = event.kind, event.payload
    if kind == EventKind.ASSESSMENT:
        needs = _needs(p.get("needs"))
        return (
            translate("CaseEventText", "Risk: %1 — needs: %2")
            .replace("%1", case_labels.risk(_text(event, "risk_level")))
            .replace("%2", needs)
        )
    if kind == EventKind.PLAN_ITEM:
        return f"{_text(event, 'goal')} — {_text(event, 'owner')}"
    if kind == EventKind.VISIT:
        place = case_labels.visit_place(_text(event, "place"))
        if _text(event, "done_on"):
            return (
                translate("CaseEventText", "%1, done on %2")
                .replace("%1", place)
                .replace("%2", case_labels.day(_text(event, "done_on")))
            )
        return place
    if kind == EventKind.NOTE:
        return _short(_text(event, "text"))
    if kind == EventKind.REFERRAL:
        return f"{names.agency(_text(event, 'agency'))} — {_short(_text(event, 'reason'), 60)}"
    if kind == EventKind.COURT_REPORT:
        return f"{_text(event, 'court')} — {_text(event, 'court_file_number')}"
    if kind == EventKind.DOCUMENT:
        return f"{_text(event, 'title')} ({_text(event, 'filename')})"
    if kind == EventKind.STATUS_CHANGE:
        text = (
            translate("CaseEventText", "From %1 to %2")
            .replace("%1", case_labels.status(_text(event, "from")))
            .replace("%2", case_labels.status(_text(event, "to")))
        )
        extra = case_labels.closure_reason(_text(event, "closure_reason")) or _text(event, "reason")
        return f"{text}: {_short(extra, 60)}" if extra else text
    if kind == EventKind.ASSIGNMENT:
        return translate("CaseEventText", "Assigned to %1").replace(
            "%1", names.user(_text(event, "to") or None)
        )
    if kind == EventKind.TRANSFER_REQUEST:
        return translate("CaseEventText", "To branch %1").replace("%1", _text(event, "to"))
    return ""


# Payload keys -> labels, in the order the details pane shows them.
FIELD_LABELS: dict[str, str] = {
    "from": QT_TRANSLATE_NOOP("CaseEventText", "From"),
    "to": QT_TRANSLATE_NOOP("CaseEventText", "To"),
    "closure_reason": QT_TRANSLATE_NOOP("CaseEventText", "Reason for closing"),
    "needs": QT_TRANSLATE_NOOP("CaseEventText", "Needs found"),
    "risk_level": QT_TRANSLATE_NOOP("CaseEventText", "Risk level"),
    "risks": QT_TRANSLATE_NOOP("CaseEventText", "Risks"),
    "summary": QT_TRANSLATE_NOOP("CaseEventText", "Summary"),
    "goal": QT_TRANSLATE_NOOP("CaseEventText", "Goal"),
    "action": QT_TRANSLATE_NOOP("CaseEventText", "Action"),
    "owner": QT_TRANSLATE_NOOP("CaseEventText", "Who does it"),
    "due_on": QT_TRANSLATE_NOOP("CaseEventText", "Due date"),
    "place": QT_TRANSLATE_NOOP("CaseEventText", "Place"),
    "place_detail": QT_TRANSLATE_NOOP("CaseEventText", "Place details"),
    "done_on": QT_TRANSLATE_NOOP("CaseEventText", "Done on"),
    "outcome": QT_TRANSLATE_NOOP("CaseEventText", "Outcome"),
    "text": QT_TRANSLATE_NOOP("CaseEventText", "Note"),
    "agency": QT_TRANSLATE_NOOP("CaseEventText", "Agency"),
    "reason": QT_TRANSLATE_NOOP("CaseEventText", "Reason"),
    "response": QT_TRANSLATE_NOOP("CaseEventText", "Answer of the agency"),
    "reply_due_on": QT_TRANSLATE_NOOP("CaseEventText", "Answer expected by"),
    "court": QT_TRANSLATE_NOOP("CaseEventText", "Court"),
    "court_file_number": QT_TRANSLATE_NOOP("CaseEventText", "Court file number"),
    "hearing_on": QT_TRANSLATE_NOOP("CaseEventText", "Hearing date"),
    "family_background": QT_TRANSLATE_NOOP("CaseEventText", "Family background"),
    "social_situation": QT_TRANSLATE_NOOP("CaseEventText", "Social situation"),
    "recommendations": QT_TRANSLATE_NOOP("CaseEventText", "Recommendations"),
    "title": QT_TRANSLATE_NOOP("CaseEventText", "Title"),
    "filename": QT_TRANSLATE_NOOP("CaseEventText", "File"),
}


def _value(event: CaseEventView, key: str, names: Names) -> str:
    value = event.payload.get(key)
    if value in (None, "", []):
        return ""
    if key == "needs":
        return _needs(value)
    if key == "risk_level":
        return case_labels.risk(str(value))
    if key == "place":
        return case_labels.visit_place(str(value))
    if key in ("due_on", "done_on", "reply_due_on", "hearing_on"):
        return case_labels.day(str(value))
    if key == "agency":
        return names.agency(str(value))
    if key in ("from", "to") and event.kind == EventKind.STATUS_CHANGE:
        return case_labels.status(str(value))
    if key in ("from", "to") and event.kind == EventKind.ASSIGNMENT:
        return names.user(str(value))
    if key == "closure_reason":
        return case_labels.closure_reason(str(value))
    return str(value)


def _line(text: str, colour: str = "", label: str = "") -> str:
    """One line of the details (escaped); lines are joined with <br>, since QTextBrowser
    puts a paragraph's default margins around every <p>."""
    body = html.escape(text).replace("\n", "<br>")
    if label:
        body = f"<b>{html.escape(label)}:</b> {body}"
    return f'<span style="color:{colour}">{body}</span>' if colour else body


def _open_items(event: CaseEventView, names: Names) -> list[str]:
    """A closure's checklist: what was left open, each with the reason given."""
    listed = event.payload.get("open_items")
    items = [i for i in listed if isinstance(i, dict)] if isinstance(listed, list) else []
    if not items:
        return []
    lines = [_line(translate("CaseEventText", "Left open, with the reason given:"))]
    for item in items:
        kind, title = str(item.get("kind") or ""), str(item.get("title") or "")
        if kind == EventKind.REFERRAL:
            title = names.agency(title)
        elif kind == EventKind.VISIT:
            title = f"{case_labels.visit_place(title)} {case_labels.day(item.get('due_on'))}"
        label = f"{case_labels.event_kind(kind)} ({title.strip()})"
        lines.append(_line(str(item.get("reason") or ""), label=label))
    return lines


def details_html(event: CaseEventView, names: Names) -> str:
    """The whole event as a small right-to-left HTML document for a QTextBrowser."""
    title = f'<b style="font-size: large">{html.escape(case_labels.event_kind(event.kind))}</b>'
    lines = [
        title,
        _line(
            translate("CaseEventText", "%1, by %2")
            .replace("%1", case_labels.day(event.occurred_on))
            .replace("%2", event.author or case_labels.NONE_TEXT)
        ),
    ]
    if event.state:
        lines.append(
            _line(case_labels.event_state(event.state), label=translate("CaseEventText", "State"))
        )
    if event.superseded:
        lines.append(
            _line(translate("CaseEventText", "Replaced by a later correction."), "#8a6d00")
        )
    if event.hidden:
        lines.append(
            _line(
                translate("CaseEventText", "Only those who may edit the case can read this."),
                "#b00020",
                confidential_text(),
            )
        )
    else:
        if event.confidential:
            lines.append(
                _line(
                    translate("CaseEventText", "Confidential: hidden from other readers."),
                    "#b00020",
                )
            )
        for key, label in FIELD_LABELS.items():
            text = _value(event, key, names)
            if text:
                lines.append(_line(text, label=_t(label)))
        lines += _open_items(event, names)
    return '<div dir="rtl">' + "<br>".join(lines) + "</div>"
