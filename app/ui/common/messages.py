"""Every coded error (app.domain.errors.ErrorCode) as a translated sentence for the user.

The domain and services raise codes with parameters, never text; this module is the one place
that turns them into words. The UI shows a field's message next to that field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from app.domain.errors import DomainError, ErrorCode, FieldError, ValidationFailed
from app.ui.common.translations import QT_TRANSLATE_NOOP

CONTEXT = "Messages"

TEXT: dict[ErrorCode, str] = {
    ErrorCode.REQUIRED: QT_TRANSLATE_NOOP("Messages", "This field is required."),
    ErrorCode.NAME_NOT_ARABIC: QT_TRANSLATE_NOOP(
        "Messages", "Write the name in Arabic letters only."
    ),
    ErrorCode.NAME_TOO_LONG: QT_TRANSLATE_NOOP(
        "Messages", "The name is too long (at most {max} letters)."
    ),
    ErrorCode.LATIN_NAME_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "A Latin name may hold only Latin letters, spaces, hyphens (-), apostrophes (') and "
        "dots (.), as on a passport.",
    ),
    ErrorCode.NATIONAL_NUMBER_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "The national number is 12 digits and starts with 1 or 2."
    ),
    ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages",
        "The first digit of the national number does not match the sex (1 for male, 2 for female).",
    ),
    ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages",
        "Digits 2 to 5 of the national number ({year}) do not match the year of birth.",
    ),
    ErrorCode.IDENTIFIER_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "Use 3 to 30 Latin letters, digits, '/' or '-'."
    ),
    ErrorCode.PHONE_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "Not a Libyan phone number (for example 0912345678 or +218912345678)."
    ),
    ErrorCode.DATE_FORMAT: QT_TRANSLATE_NOOP("Messages", "Not a valid date (dd/mm/yyyy)."),
    ErrorCode.BIRTH_IN_FUTURE: QT_TRANSLATE_NOOP(
        "Messages", "The date of birth cannot be in the future."
    ),
    ErrorCode.TOO_OLD: QT_TRANSLATE_NOOP(
        "Messages", "The date of birth is more than {max} years ago."
    ),
    ErrorCode.INVALID_CHOICE: QT_TRANSLATE_NOOP("Messages", "Choose one of the listed values."),
    ErrorCode.NUMBER_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "Enter an amount in dinars (up to 3 decimals)."
    ),
    ErrorCode.NEGATIVE_AMOUNT: QT_TRANSLATE_NOOP("Messages", "The amount cannot be negative."),
    ErrorCode.TEXT_TOO_LONG: QT_TRANSLATE_NOOP("Messages", "Too long (at most {max})."),
    ErrorCode.CONTROL_CHARACTER: QT_TRANSLATE_NOOP(
        "Messages",
        "This text holds a hidden control character (or a line break where only one line is "
        "allowed) that cannot be saved. Type it again instead of pasting it.",
    ),
    ErrorCode.NUMBER_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages", "The number is too large (at most {max})."
    ),
    ErrorCode.DUPLICATE_NATIONAL_NUMBER: QT_TRANSLATE_NOOP(
        "Messages", "A person with this national number is already registered."
    ),
    ErrorCode.POSSIBLE_DUPLICATE: QT_TRANSLATE_NOOP(
        "Messages", "This person may already be registered."
    ),
    ErrorCode.NOT_FOUND: QT_TRANSLATE_NOOP("Messages", "The record was not found."),
    ErrorCode.STALE_RECORD: QT_TRANSLATE_NOOP(
        "Messages",
        "Someone else changed this record after you opened it. Close it and open it again.",
    ),
    ErrorCode.LOGIN_FAILED: QT_TRANSLATE_NOOP("Messages", "Wrong user name or password."),
    ErrorCode.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "Messages", "The account is locked after too many failed attempts."
    ),
    ErrorCode.ACCOUNT_DISABLED: QT_TRANSLATE_NOOP(
        "Messages", "This account is disabled. Ask the branch admin."
    ),
    ErrorCode.ACCOUNT_DISABLED_BY_HQ: QT_TRANSLATE_NOOP(
        "Messages", "Headquarters has disabled this account. Ask the ministry's registry office."
    ),
    ErrorCode.PASSWORD_NOT_SET: QT_TRANSLATE_NOOP(
        "Messages", "Choose your own password to finish setting up this account."
    ),
    ErrorCode.PASSWORDS_DIFFER: QT_TRANSLATE_NOOP("Messages", "The two passwords differ."),
    ErrorCode.USERNAME_TAKEN: QT_TRANSLATE_NOOP("Messages", "This user name is already taken."),
    ErrorCode.USERNAME_FORMAT: QT_TRANSLATE_NOOP(
        "Messages",
        "Use 3 to 40 lower-case Latin letters, digits, '.', '_' or '-', starting with a letter.",
    ),
    ErrorCode.PASSWORD_TOO_SHORT: QT_TRANSLATE_NOOP(
        "Messages", "The password must be at least {min} characters."
    ),
    ErrorCode.PERMISSION_DENIED: QT_TRANSLATE_NOOP("Messages", "You are not allowed to do this."),
    ErrorCode.FILE_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "The file cannot be read."),
    ErrorCode.FILE_FORMAT: QT_TRANSLATE_NOOP(
        "Messages", "The file is not a CSV or Excel (XLSX) file."
    ),
    ErrorCode.UNKNOWN_COLUMN: QT_TRANSLATE_NOOP("Messages", "Unknown column."),
    ErrorCode.MISSING_COLUMN: QT_TRANSLATE_NOOP("Messages", "A required column is missing."),
    ErrorCode.HOUSEHOLD_MEMBER_CONFLICT: QT_TRANSLATE_NOOP(
        "Messages", "This person already belongs to another household."
    ),
    ErrorCode.FAMILY_HEAD_COUNT: QT_TRANSLATE_NOOP(
        "Messages", "A household has exactly one head: mark one person as the head."
    ),
    ErrorCode.NATIONAL_NUMBER_TWICE: QT_TRANSLATE_NOOP(
        "Messages", "The same national number is already on row {row}."
    ),
    ErrorCode.HEAD_OF_OTHER_HOUSEHOLD: QT_TRANSLATE_NOOP(
        "Messages",
        "This person heads household {number}: choose a new head there first.",
    ),
    ErrorCode.DATE_IN_FUTURE: QT_TRANSLATE_NOOP("Messages", "The date cannot be in the future."),
    ErrorCode.CASE_TRANSITION: QT_TRANSLATE_NOOP(
        "Messages", "This case cannot move from this stage to that one."
    ),
    ErrorCode.CASE_NEEDS_ASSESSMENT: QT_TRANSLATE_NOOP(
        "Messages", "Record an assessment before the case plan."
    ),
    ErrorCode.CASE_NEEDS_PLAN: QT_TRANSLATE_NOOP(
        "Messages", "Add at least one plan item before follow-up."
    ),
    ErrorCode.CASE_CLOSED: QT_TRANSLATE_NOOP(
        "Messages", "Case {number} is closed: reopen it first."
    ),
    ErrorCode.CLOSURE_ITEM_OPEN: QT_TRANSLATE_NOOP(
        "Messages",
        "An item is still open with no reason ({item}): resolve it or say why the case "
        "closes anyway.",
    ),
    ErrorCode.CASE_NUMBER_FORMAT: QT_TRANSLATE_NOOP(
        "Messages",
        "A case number is the branch code, the year and a serial number, joined by dashes.",
    ),
    ErrorCode.SUPERVISOR_ONLY: QT_TRANSLATE_NOOP("Messages", "Only a supervisor can do this."),
    ErrorCode.BREAK_GLASS_REQUIRED: QT_TRANSLATE_NOOP(
        "Messages", "Case {number} is not assigned to you: give a reason to open it."
    ),
    ErrorCode.CASE_TYPE_FIELD: QT_TRANSLATE_NOOP(
        "Messages", "This field does not belong to the case type."
    ),
    ErrorCode.DOCUMENT_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages", "The document is larger than {max} MB."
    ),
    ErrorCode.DOCUMENT_TYPE: QT_TRANSLATE_NOOP(
        "Messages", "Only PDF, JPEG, PNG or TIFF scans can be attached."
    ),
    ErrorCode.CASE_TRANSFERRED: QT_TRANSLATE_NOOP(
        "Messages", "Case {number} now belongs to branch {branch}: this copy is read-only."
    ),
    ErrorCode.RECORD_OF_OTHER_BRANCH: QT_TRANSLATE_NOOP(
        "Messages",
        "This record belongs to branch {branch}: it is read-only here, and changed there.",
    ),
    ErrorCode.LINE_TOO_LONG: QT_TRANSLATE_NOOP(
        "Messages", "The line is too long (at most {max} characters): it was skipped."
    ),
    ErrorCode.TOO_MANY_COLUMNS: QT_TRANSLATE_NOOP(
        "Messages", "The line has too many columns (at most {max}): it was skipped."
    ),
    ErrorCode.TRANSFER_PENDING: QT_TRANSLATE_NOOP(
        "Messages",
        "Case {number} is waiting for its transfer to branch {branch}: it cannot be changed here.",
    ),
}

_UNKNOWN = QT_TRANSLATE_NOOP("Messages", "The request was refused ({code}).")
_UNEXPECTED = QT_TRANSLATE_NOOP(
    "Messages",
    "Something went wrong and the action was not completed. The details were written to the "
    "log file; please tell the branch IT staff.",
)
_IN_FIELD = QT_TRANSLATE_NOOP("Messages", "{field}: {message}")


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def message(code: ErrorCode, params: dict[str, str] | None = None) -> str:
    """The translated sentence for `code`, its placeholders filled from `params`."""
    source = TEXT.get(code)
    if source is None:
        return _t(_UNKNOWN).format(code=code.value)
    text = _t(source)
    values = {
        "max": "", "min": "", "year": "", "minutes": "", "number": "", "branch": "", "item": "",
        "row": "",
        **(params or {}),
    }  # fmt: skip
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


class Messages(QObject):
    """Translation context for plural messages: lupdate 6.11 only sees numerus in `tr()`."""

    def account_locked(self, minutes: int) -> str:
        return self.tr("The account is locked. Try again in %n minute(s).", "", minutes)


def account_locked(minutes: int) -> str:
    return Messages().account_locked(minutes)


def field_error(error: FieldError) -> str:
    return message(error.code, error.params)


def describe(err: DomainError) -> str:
    """One message for a whole error (dialogs); ValidationFailed lists each field."""
    from app.ui.common import labels

    if err.code is ErrorCode.ACCOUNT_LOCKED and err.params.get("minutes", "").isdigit():
        return account_locked(int(err.params["minutes"]))
    if isinstance(err, ValidationFailed):
        return "\n".join(
            _t(_IN_FIELD).format(field=labels.field(e.field) or e.field, message=field_error(e))
            for e in err.errors
        )
    return message(err.code, {k: str(v) for k, v in err.params.items()})


def by_field(err: ValidationFailed) -> dict[str, list[str]]:
    """Field name -> its messages, for showing each beside its field."""
    found: dict[str, list[str]] = {}
    for e in err.errors:
        found.setdefault(e.field, []).append(field_error(e))
    return found


def unexpected() -> str:
    return _t(_UNEXPECTED)
