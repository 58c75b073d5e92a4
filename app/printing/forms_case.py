"""The printed forms of a social case kept in its file: the case summary with its whole file of
events, and the follow-up visit sheet (filled or blank). The letters it sends out are in
`case_letters`. Each function lays out a `Form`; `document.render` prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.case_events import EventKind, PlanItemState, VisitState
from app.domain.record_code import RecordKind, record_code
from app.printing import case_labels_ar as labels
from app.printing.case_layout import (
    BLANK,
    CONFIDENTIAL,
    DASH,
    HIDDEN_TEXT,
    Rows,
    heading,
    identity_rows,
    labelled,
    with_next,
)
from app.printing.document import FRAME_W, Form
from app.printing.flowables import (
    LABEL,
    RULE,
    SHADE,
    SignatureBoxes,
    WriteLines,
    field_table,
    keep,
    para,
)
from app.printing.rtl_text import ltr
from app.services.case_dto import CaseEventView, CaseView

SUPERSEDED_TEXT = "(صُحّح لاحقاً)"


def _bar(text: str) -> Table:
    """A shaded one-line title bar (an event's number, date, kind and author)."""
    style = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
    )
    return Table([[para(text, LABEL)]], colWidths=[FRAME_W], style=style, hAlign="RIGHT")


# -------------------------------------------------------------------------- case summary


def _event_block(
    number: int,
    event: CaseEventView,
    numbers: Mapping[str, int],
    agencies: Mapping[str, str],
    user: Callable[[str], str],
    titles: Sequence[Flowable] = (),
) -> list[Flowable]:
    """One event as a title bar and its content; `titles` go on the same page as the bar."""
    if event.hidden:
        bar = _bar(f"{number}. {labels.ltr_day(event.occurred_on)} — {HIDDEN_TEXT}")
        return [keep(*titles, Spacer(1, 6), bar)]
    head = f"{number}. {labels.ltr_day(event.occurred_on)} — {labels.event_kind(event.kind)}"
    if event.author:
        head += f" — بواسطة {event.author}"
    if event.confidential:
        head += f" — {CONFIDENTIAL}"
    if event.superseded:
        head += f" {SUPERSEDED_TEXT}"
    lead: list[Flowable] = [*titles, Spacer(1, 6), _bar(head)]
    if event.amends_id:
        original = numbers.get(event.amends_id)
        target = f"الإجراء رقم {original}" if original else "إجراءً سابقاً"
        lead.append(para(f"تصحيح يحل محل {target} في هذا السجل", LABEL))
    return with_next(lead, labelled(labels.event_rows(event, agencies, user)))


def case_summary(
    case: CaseView,
    *,
    type_name: str,
    type_fields: Sequence[tuple[str, str]],
    agencies: Mapping[str, str],
    users: Mapping[str, str] | None = None,
) -> Form:
    """The whole case on paper: its header, summary, the type's fields, every event."""
    header: Rows = [
        ("رقم الحالة", ltr(case.number)),
        ("نوع الحالة", type_name or labels.case_type(case.type_code)),
        ("المرحلة", labels.status(case.status)),
        ("السرية", CONFIDENTIAL if case.sensitive else "عادية"),
        ("الشخص", case.person_name),
        ("الرقم الوطني", ltr(case.national_number or "")),
        ("الأخصائي المسؤول", case.assigned_name),
        ("مستوى الخطورة", labels.risk(case.risk_level) or "لم تُقيَّم بعد"),
        ("تاريخ الفتح", labels.ltr_day(case.opened_on)),
        ("تاريخ الإغلاق", labels.ltr_day(case.closed_on)),
    ]
    if case.closure_reason or case.closed_on:
        header.append(("سبب الإغلاق", labels.closure_reason(case.closure_reason)))
        header.append(("ملاحظة الإغلاق", case.closure_note or ""))
    if case.transfer_to:
        header.append(("طلب نقل", f"إلى الفرع {ltr(case.transfer_to)}"))
    story: list[Flowable] = [*labelled(header)]
    story += with_next([Spacer(1, 8), heading("ملخص الحالة")], [para(case.summary or DASH)])
    if type_fields:
        rows = [(label, value or DASH) for label, value in type_fields]
        story += with_next([Spacer(1, 8), heading("بيانات خاصة بنوع الحالة")], labelled(rows))
    titles = [Spacer(1, 8), heading(f"سجل الحالة — عدد الإجراءات: {len(case.events)}")]
    if not case.events:
        story += [*titles, para("لا توجد إجراءات مسجلة.")]
    names = dict(users or {})

    def user(user_id: str) -> str:
        if user_id and user_id not in names and user_id == case.assigned_to:
            return case.assigned_name
        return names.get(user_id, "أخصائي آخر") if user_id else ""

    numbers = {e.id: i for i, e in enumerate(case.events, start=1)}
    for index, event in enumerate(case.events, start=1):
        story += _event_block(index, event, numbers, agencies, user, titles if index == 1 else ())
    subtitle = f"{ltr(case.number)} — {CONFIDENTIAL}" if case.sensitive else ltr(case.number)
    return Form("ملخص الحالة", story, qr=record_code(RecordKind.CASE, case.id), subtitle=subtitle)


# -------------------------------------------------------------------------- visit sheet


def _chain(event: CaseEventView) -> str:
    return event.amends_id or event.id


def _previous_visit(case: CaseView, visit: CaseEventView | None) -> CaseEventView | None:
    """The latest visit done before this one (another visit than this one's chain)."""
    done = [
        e
        for e in case.current_events(EventKind.VISIT)
        if (e.state or labels.raw(e, "state")) == VisitState.DONE
        and (visit is None or _chain(e) != _chain(visit))
    ]
    if visit is not None and visit.due_on is not None:
        due = visit.due_on.isoformat()
        done = [e for e in done if (labels.raw(e, "done_on") or labels.raw(e, "due_on")) <= due]
    return max(
        done, key=lambda e: labels.raw(e, "done_on") or labels.raw(e, "due_on"), default=None
    )


def _purpose(case: CaseView) -> list[Flowable]:
    items = [
        e
        for e in case.current_events(EventKind.PLAN_ITEM)
        if not e.hidden and (e.state or labels.raw(e, "state")) == PlanItemState.OPEN
    ]
    if not items:
        return [para("لا توجد بنود مفتوحة في خطة الحالة.")]
    out: list[Flowable] = []
    for n, item in enumerate(items, start=1):
        due = labels.ltr_day(labels.raw(item, "due_on"))
        line = f"{n}. {labels.text(item, 'goal')}: {labels.text(item, 'action')}"
        line += f" (المسؤول: {labels.text(item, 'owner')}، الموعد: {due})"
        out.append(para(line))
    return out


def _visit_story(
    case: CaseView | None,
    visit: CaseEventView | None,
    address: str,
    phones: Sequence[str],
) -> list[Flowable]:
    state = (visit.state or labels.raw(visit, "state")) if visit is not None else ""
    done = state == VisitState.DONE
    if case is None:
        person: Rows = [(label, BLANK) for label in _IDENTITY_LABELS]
        or_dash = BLANK
    else:
        person = [*identity_rows(case), ("الأخصائي المسؤول", case.assigned_name or DASH)]
        or_dash = DASH
    place = ""
    if visit is not None:
        place = labels.visit_place(labels.raw(visit, "place"))
        detail = labels.text(visit, "place_detail")
        if detail:
            place = f"{place}: {detail}" if place else detail
    due = visit.due_on or labels.raw(visit, "due_on") if visit is not None else None
    visit_rows: Rows = [
        ("العنوان", address or or_dash),
        ("الهواتف", labels.ltr_list(phones) or or_dash),
        ("موعد الزيارة", labels.ltr_day(due) or BLANK),
        ("مكان الزيارة", place or BLANK),
        ("وضع الزيارة", labels.event_state(EventKind.VISIT, state) or BLANK),
        (
            "تاريخ التنفيذ",
            labels.ltr_day(labels.raw(visit, "done_on")) if done and visit else BLANK,
        ),
    ]
    story: list[Flowable] = [
        heading("بيانات الحالة"),
        field_table(person, FRAME_W, columns=2),
        Spacer(1, 6),
        heading("بيانات الزيارة"),
        field_table(visit_rows, FRAME_W, columns=2, label_share=0.28),
        Spacer(1, 6),
    ]
    if case is None:
        story.append(WriteLines("الغرض من الزيارة", 2))
        story.append(WriteLines("نتيجة الزيارة السابقة", 2))
    else:
        story += with_next([heading("الغرض من الزيارة (بنود الخطة المفتوحة)")], _purpose(case))
        previous = _previous_visit(case, visit)
        if previous is None:
            last = para("لا توجد زيارة سابقة منفذة.")
        else:
            when = labels.ltr_day(labels.raw(previous, "done_on") or labels.raw(previous, "due_on"))
            last = para(f"في {when}: {labels.text(previous, 'outcome') or DASH}")
        story += with_next([Spacer(1, 4), heading("نتيجة الزيارة السابقة")], [last])
    story.append(Spacer(1, 6))
    if done and visit is not None:
        outcome = para(labels.text(visit, "outcome") or DASH)
        story += with_next([heading("نتيجة الزيارة")], [outcome])
        story += [Spacer(1, 4), WriteLines("ملاحظات إضافية", 3)]
    else:
        story += [WriteLines("الملاحظات", 4), WriteLines("نتيجة الزيارة", 4)]
    signatures = SignatureBoxes(["توقيع الأخصائي الاجتماعي", "توقيع المستفيد أو ولي الأمر"])
    story.append(keep(WriteLines("الخطوات التالية", 3), Spacer(1, 10), signatures))
    return story


_IDENTITY_LABELS = ("رقم الحالة", "الاسم", "الرقم الوطني", "الأخصائي المسؤول")


def visit_sheet(
    case: CaseView, visit: CaseEventView | None, *, address: str, phones: Sequence[str]
) -> Form:
    """The sheet a worker takes on a follow-up visit; filled with the outcome once done."""
    story = _visit_story(case, visit, address, phones)
    return Form("استمارة زيارة متابعة", story, qr=record_code(RecordKind.CASE, case.id))


def blank_visit_sheet() -> Form:
    """The visit sheet with no data, to fill in by hand (no QR: it belongs to no record)."""
    return Form("استمارة زيارة متابعة", _visit_story(None, None, "", ()))
