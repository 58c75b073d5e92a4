"""The printed forms of a social case: the case summary with its whole file of events, the
follow-up visit sheet (filled or blank), the referral letter to an agency and the social report
to the juvenile court. Each function lays out a `Form`; `document.render` prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from reportlab.platypus import Flowable, Indenter, Spacer, Table, TableStyle

from app.domain.case_events import EventKind, PlanItemState, VisitState
from app.domain.record_code import RecordKind, record_code
from app.printing import case_labels_ar as labels
from app.printing.document import FRAME_W, Form
from app.printing.flowables import (
    BODY,
    HEADING,
    LABEL,
    RULE,
    SHADE,
    RtlParagraph,
    SignatureBoxes,
    WriteLines,
    field_table,
    keep,
    para,
)
from app.printing.fonts import register_fonts
from app.printing.rtl_text import ltr
from app.services.case_dto import CaseEventView, CaseView

HIDDEN_TEXT = "ملاحظة سرية — لا تُطبع"
SUPERSEDED_TEXT = "(صُحّح لاحقاً)"
CONFIDENTIAL = "سري"
DASH = labels.NONE_TEXT
# Longer values go below their label as a paragraph that may split across pages: a table
# row cannot split, and a 4,000-character note in one cell would not fit on a page.
_SHORT = 90
SUBJECT = replace(LABEL, size=11.5, align="center")
CLOSING = replace(BODY, align="center")

Rows = list[tuple[str, str]]


def _is_long(value: str) -> bool:
    return len(value) > _SHORT or "\n" in value


def _labelled(rows: Sequence[tuple[str, str]], columns: int = 2) -> list[Flowable]:
    """Label/value rows in their order: short ones in tables, long ones as paragraphs."""
    out: list[Flowable] = []
    run: Rows = []

    def flush() -> None:
        if run:
            out.append(field_table(run, FRAME_W, columns=columns if len(run) > 1 else 1))
            run.clear()

    for label, value in rows:
        if _is_long(value):
            flush()
            out += [Spacer(1, 3), para(label, LABEL), para(value)]
        else:
            run.append((label, value or DASH))
    flush()
    return out


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


def _heading(text: str) -> Flowable:
    return para(text, HEADING)


def _with_next(titles: Sequence[Flowable], body: Sequence[Flowable]) -> list[Flowable]:
    """`titles` kept on the page where `body` starts: never a title alone at a page's foot.

    Only the first two lines of a long paragraph go with them, so that a long text still
    starts on the page that has room for its beginning.
    """
    head, rest = list(titles), list(body)
    while rest and (
        isinstance(rest[0], Spacer)
        or (isinstance(rest[0], RtlParagraph) and rest[0].style in (LABEL, HEADING))
    ):
        head.append(rest.pop(0))
    if rest:
        first = rest.pop(0)
        if isinstance(first, RtlParagraph):
            register_fonts()  # measuring the lines needs the font (render registers it too)
            parts = first.split(FRAME_W, first.style.leading * 2)
            if len(parts) == 2:
                first = parts[0]
                rest.insert(0, parts[1])
        head.append(first)
    return [keep(*head), *rest]


def _identity(case: CaseView) -> Rows:
    return [
        ("رقم الحالة", ltr(case.number)),
        ("الاسم", case.person_name or DASH),
        ("الرقم الوطني", ltr(case.national_number or "") or DASH),
    ]


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
    return _with_next(lead, _labelled(labels.event_rows(event, agencies, user)))


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
        header.append(("ملاحظة الإغلاق", labels.free(case.closure_note)))
    if case.transfer_to:
        header.append(("طلب نقل", f"إلى الفرع {ltr(case.transfer_to)}"))
    story: list[Flowable] = [*_labelled(header)]
    story += _with_next(
        [Spacer(1, 8), _heading("ملخص الحالة")], [para(labels.free(case.summary) or DASH)]
    )
    if type_fields:
        rows = [(label, labels.free(value) or DASH) for label, value in type_fields]
        story += _with_next([Spacer(1, 8), _heading("بيانات خاصة بنوع الحالة")], _labelled(rows))
    titles = [Spacer(1, 8), _heading(f"سجل الحالة — عدد الإجراءات: {len(case.events)}")]
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

_BLANK = ""  # an empty cell, a line high: a value to write by hand


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
        person: Rows = [(label, _BLANK) for label in _IDENTITY_LABELS]
        or_dash = _BLANK
    else:
        person = [*_identity(case), ("الأخصائي المسؤول", case.assigned_name or DASH)]
        or_dash = DASH
    place = ""
    if visit is not None:
        place = labels.visit_place(labels.raw(visit, "place"))
        detail = labels.text(visit, "place_detail")
        if detail:
            place = f"{place}: {detail}" if place else detail
    due = visit.due_on or labels.raw(visit, "due_on") if visit is not None else None
    visit_rows: Rows = [
        ("العنوان", labels.free(address) or or_dash),
        ("الهواتف", labels.ltr_list(phones) or or_dash),
        ("موعد الزيارة", labels.ltr_day(due) or _BLANK),
        ("مكان الزيارة", place or _BLANK),
        ("وضع الزيارة", labels.event_state(EventKind.VISIT, state) or _BLANK),
        (
            "تاريخ التنفيذ",
            labels.ltr_day(labels.raw(visit, "done_on")) if done and visit else _BLANK,
        ),
    ]
    story: list[Flowable] = [
        _heading("بيانات الحالة"),
        field_table(person, FRAME_W, columns=2),
        Spacer(1, 6),
        _heading("بيانات الزيارة"),
        field_table(visit_rows, FRAME_W, columns=2, label_share=0.28),
        Spacer(1, 6),
    ]
    if case is None:
        story.append(WriteLines("الغرض من الزيارة", 2))
        story.append(WriteLines("نتيجة الزيارة السابقة", 2))
    else:
        story += _with_next([_heading("الغرض من الزيارة (بنود الخطة المفتوحة)")], _purpose(case))
        previous = _previous_visit(case, visit)
        if previous is None:
            last = para("لا توجد زيارة سابقة منفذة.")
        else:
            when = labels.ltr_day(labels.raw(previous, "done_on") or labels.raw(previous, "due_on"))
            last = para(f"في {when}: {labels.text(previous, 'outcome') or DASH}")
        story += _with_next([Spacer(1, 4), _heading("نتيجة الزيارة السابقة")], [last])
    story.append(Spacer(1, 6))
    if done and visit is not None:
        outcome = para(labels.text(visit, "outcome") or DASH)
        story += _with_next([_heading("نتيجة الزيارة")], [outcome])
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


# ---------------------------------------------------------------------- referral letter


def referral_letter(
    case: CaseView,
    referral: CaseEventView,
    *,
    agency_name: str,
    branch_name: str,
    worker_name: str,
) -> Form:
    """A formal letter referring the beneficiary to an agency, asking for its answer."""
    reference = f"{case.number}/{referral.id.replace('-', '')[-6:].upper()}"
    name = case.person_name or DASH
    intro = f"نحيل إليكم المستفيد/ة {name}"
    if case.national_number:
        intro += f"، حامل/ة الرقم الوطني {ltr(case.national_number)}"
    intro += (
        f"، صاحب/ة الملف رقم {ltr(case.number)} لدى فرع {branch_name} بوزارة الشؤون"
        " الاجتماعية، وذلك للأسباب الآتية:"
    )
    reply = labels.ltr_day(labels.raw(referral, "reply_due_on"))
    ask = (
        "نأمل التكرم بتقديم ما يلزم في حدود اختصاصكم، وموافاتنا بما يتم بشأن هذه الإحالة"
        + (f" في موعد أقصاه {reply}" if reply else "")
        + "، عن طريق الأخصائي الاجتماعي المكلف بمتابعة الحالة، حتى نتمكن من استكمال خطة"
        " المتابعة."
    )
    gap = Spacer(1, 8)
    story: list[Flowable] = [
        field_table(
            [("الرقم الإشاري", ltr(reference)), ("التاريخ", labels.ltr_day(referral.occurred_on))],
            FRAME_W,
            columns=2,
        ),
        Spacer(1, 16),
        para(f"السادة/ {agency_name} المحترمين", HEADING),
        gap,
        para("تحية طيبة وبعد،"),
        gap,
        para(f"الموضوع: إحالة المستفيد/ة {name}", SUBJECT),
        gap,
        para(intro),
        # The reason, as the worker wrote it, set in from both sides like a quotation.
        Indenter(left=24, right=24),
        *_paragraphs(labels.text(referral, "reason") or DASH),
        Indenter(left=-24, right=-24),
        gap,
        para(ask),
        gap,
        _heading("بيانات المستفيد"),
        field_table(_identity(case), FRAME_W, columns=1),
        gap,
        para("شاكرين لكم حسن تعاونكم،"),
        para("وتفضلوا بقبول فائق الاحترام والتقدير.", CLOSING),
        Spacer(1, 16),
        keep(
            SignatureBoxes(
                [f"الأخصائي الاجتماعي: {worker_name}", f"مدير فرع {branch_name}"], height=60
            )
        ),
    ]
    return Form("خطاب إحالة", story, qr=record_code(RecordKind.CASE, case.id))


# ------------------------------------------------------------------------- court report


def _latest_report(case: CaseView) -> CaseEventView | None:
    reports = case.current_events(EventKind.COURT_REPORT)
    return reports[-1] if reports else None


def court_report(
    case: CaseView, report: CaseEventView | None, *, type_fields: Sequence[tuple[str, str]]
) -> Form:
    """The social report to the juvenile court, from `report` or the case's latest one.

    With no report (or one the reader may not see) the sections are left to write by hand.
    """
    report = report or _latest_report(case)
    hidden = report is not None and report.hidden
    data = report if report is not None and not hidden else None

    def field(key: str) -> str:
        return labels.raw(data, key) if data is not None else ""

    def text(key: str) -> str:
        return labels.text(data, key) if data is not None else ""

    # Without a report, the court and file number the case was opened with (its type's fields).
    known = dict(type_fields)
    court_rows: Rows = [
        ("المحكمة", text("court") or labels.free(known.get("المحكمة", ""))),
        ("رقم ملف القضية", ltr(field("court_file_number") or known.get("رقم ملف القضية", ""))),
        ("تاريخ الجلسة", labels.ltr_day(field("hearing_on"))),
    ]
    printed = {label for label, _ in court_rows}
    # The type's own fields (guardian, charge...): the court and file number are above already.
    extra = [
        (label, labels.free(value) or DASH) for label, value in type_fields if label not in printed
    ]
    story: list[Flowable] = [
        _heading("أولاً: بيانات القضية"),
        field_table(court_rows, FRAME_W, columns=2),
        Spacer(1, 8),
        _heading("ثانياً: بيانات الحدث وولي أمره"),
        *_labelled([*_identity(case), *extra], columns=1),
    ]
    sections = (
        ("ثالثاً: الخلفية الأسرية", "family_background"),
        ("رابعاً: الوضع الاجتماعي", "social_situation"),
        ("خامساً: التوصيات", "recommendations"),
    )
    for title, key in sections:
        if hidden:
            body: list[Flowable] = [para(HIDDEN_TEXT)]
        elif data is None:
            body = [WriteLines("", 6)]
        else:
            body = list(_paragraphs(text(key) or DASH))
        story += _with_next([Spacer(1, 8), _heading(title)], body)
    worker = (data.author if data is not None else "") or case.assigned_name
    signed: Rows = [
        ("الأخصائي الاجتماعي", worker or _BLANK),
        ("تاريخ التقرير", labels.ltr_day(data.occurred_on) if data is not None else _BLANK),
    ]
    boxes = SignatureBoxes(["توقيع الأخصائي الاجتماعي", "ختم الفرع"], height=60)
    signed_table = field_table(signed, FRAME_W, columns=2, label_share=0.4)
    story += [Spacer(1, 12), keep(signed_table, Spacer(1, 8), boxes)]
    return Form(
        "تقرير البحث الاجتماعي المقدم إلى محكمة الأحداث",
        story,
        qr=record_code(RecordKind.CASE, case.id),
        subtitle=CONFIDENTIAL,
    )


def _paragraphs(text: str) -> Iterable[Flowable]:
    """One paragraph per blank-line-separated block, with a little space between them."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()] or [DASH]
    for index, block in enumerate(blocks):
        if index:
            yield Spacer(1, 4)
        yield para(block)
