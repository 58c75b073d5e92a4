"""English one-line descriptions of coded errors for the command line (the UI has Arabic)."""

from __future__ import annotations

from app.domain.errors import DomainError, ErrorCode, ValidationFailed

_TEXT: dict[ErrorCode, str] = {
    ErrorCode.REQUIRED: "is required",
    ErrorCode.NAME_NOT_ARABIC: "must be written in Arabic letters",
    ErrorCode.NAME_TOO_LONG: "is too long",
    ErrorCode.LATIN_NAME_INVALID: "may hold only Latin letters, spaces, - ' and .",
    ErrorCode.NATIONAL_NUMBER_FORMAT: "must be 12 digits starting with 1 or 2",
    ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH: "first digit does not match the sex",
    ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH: "digits 2-5 do not match the year of birth",
    ErrorCode.IDENTIFIER_FORMAT: "is not a valid document number",
    ErrorCode.PHONE_FORMAT: "is not a Libyan phone number",
    ErrorCode.DATE_FORMAT: "is not a date (YYYY-MM-DD or DD/MM/YYYY)",
    ErrorCode.BIRTH_IN_FUTURE: "is in the future",
    ErrorCode.TOO_OLD: "is more than 120 years ago",
    ErrorCode.INVALID_CHOICE: "is not one of the allowed values",
    ErrorCode.NUMBER_FORMAT: "is not a number",
    ErrorCode.NEGATIVE_AMOUNT: "cannot be negative",
    ErrorCode.TEXT_TOO_LONG: "is too long",
    ErrorCode.CONTROL_CHARACTER: (
        "holds a control character (NUL, ESC, or a line break in a one-line field)"
    ),
    ErrorCode.NUMBER_TOO_LARGE: "is too large",
    ErrorCode.DUPLICATE_NATIONAL_NUMBER: "is already registered",
    ErrorCode.POSSIBLE_DUPLICATE: "looks like someone already registered",
    ErrorCode.NOT_FOUND: "was not found",
    ErrorCode.STALE_RECORD: "the record was changed by someone else; reload it",
    ErrorCode.LOGIN_FAILED: "wrong user name or password",
    ErrorCode.ACCOUNT_LOCKED: "the account is locked",
    ErrorCode.ACCOUNT_DISABLED: "the account is disabled",
    ErrorCode.ACCOUNT_DISABLED_BY_HQ: "the account was disabled by headquarters",
    ErrorCode.PASSWORD_NOT_SET: "the account has no password yet: log in once in the app",
    ErrorCode.PASSWORDS_DIFFER: "the two passwords differ",
    ErrorCode.USERNAME_TAKEN: "is already taken",
    ErrorCode.USERNAME_FORMAT: "must be 3-40 lower-case letters, digits, '.', '_' or '-'",
    ErrorCode.PASSWORD_TOO_SHORT: "is too short",
    ErrorCode.PERMISSION_DENIED: "you are not allowed to do this",
    ErrorCode.FILE_UNREADABLE: "cannot be read",
    ErrorCode.FILE_FORMAT: "is not a CSV or XLSX file",
    ErrorCode.UNKNOWN_COLUMN: "is not a known column",
    ErrorCode.MISSING_COLUMN: "is a required column that is missing",
    ErrorCode.HOUSEHOLD_MEMBER_CONFLICT: "already belongs to another household",
    ErrorCode.FAMILY_HEAD_COUNT: "a household has exactly one head",
    ErrorCode.NATIONAL_NUMBER_TWICE: "the same national number is on row {row}",
    ErrorCode.HEAD_OF_OTHER_HOUSEHOLD: "heads household {number}: choose a new head there first",
    ErrorCode.DATE_IN_FUTURE: "is in the future",
    ErrorCode.CASE_TRANSITION: "the case cannot move from this stage to that one",
    ErrorCode.CASE_NEEDS_ASSESSMENT: "record an assessment before the case plan",
    ErrorCode.CASE_NEEDS_PLAN: "add a plan item before follow-up",
    ErrorCode.CASE_CLOSED: "the case is closed; reopen it first",
    ErrorCode.CLOSURE_ITEM_OPEN: "an item is still open: resolve it or give a reason",
    ErrorCode.CASE_NUMBER_FORMAT: "is not a case number (BRANCH-YEAR-SERIAL: TRP01-2026-00001)",
    ErrorCode.SUPERVISOR_ONLY: "only a supervisor can do this",
    ErrorCode.BREAK_GLASS_REQUIRED: "the case is not assigned to you: open it in the app, "
    "giving a reason, before printing it",
    ErrorCode.CASE_TYPE_FIELD: "does not belong to the case type",
    ErrorCode.DOCUMENT_TOO_LARGE: "the document is too large",
    ErrorCode.DOCUMENT_TYPE: "only PDF, JPEG, PNG or TIFF scans can be attached",
    ErrorCode.TRANSFER_PENDING: "the case waits for its transfer to another branch",
    ErrorCode.CASE_TRANSFERRED: "the case now belongs to another branch; this copy is read-only",
    ErrorCode.RECORD_OF_OTHER_BRANCH: "the record belongs to another branch; it is read-only here",
    ErrorCode.LINE_TOO_LONG: "the line is too long",
    ErrorCode.TOO_MANY_COLUMNS: "the line has too many columns",
}


def describe(err: DomainError) -> str:
    if isinstance(err, ValidationFailed):
        return "; ".join(f"{e.field}: {_TEXT.get(e.code, e.code.value)}" for e in err.errors)
    where = f"{err.field}: " if err.field else ""
    extra = "".join(f" ({k}={v})" for k, v in err.params.items())
    return f"{where}{_TEXT.get(err.code, err.code.value)}{extra}"
