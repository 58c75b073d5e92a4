"""Coded errors raised by the domain and services; the UI maps each code to translated text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    REQUIRED = "required"
    NAME_NOT_ARABIC = "name_not_arabic"
    NAME_TOO_LONG = "name_too_long"
    # A Latin name (as on a passport) holding anything but Latin letters, spaces, - ' .
    LATIN_NAME_INVALID = "latin_name_invalid"
    NATIONAL_NUMBER_FORMAT = "national_number_format"
    NATIONAL_NUMBER_SEX_MISMATCH = "national_number_sex_mismatch"
    NATIONAL_NUMBER_YEAR_MISMATCH = "national_number_year_mismatch"
    IDENTIFIER_FORMAT = "identifier_format"
    PHONE_FORMAT = "phone_format"
    DATE_FORMAT = "date_format"
    BIRTH_IN_FUTURE = "birth_in_future"
    TOO_OLD = "too_old"
    INVALID_CHOICE = "invalid_choice"
    NUMBER_FORMAT = "number_format"
    NEGATIVE_AMOUNT = "negative_amount"
    TEXT_TOO_LONG = "text_too_long"
    # A control character (NUL, ESC, a line break in a one-line field...): never stored.
    CONTROL_CHARACTER = "control_character"
    # A whole number (or an amount in dirhams) too large for its database column.
    NUMBER_TOO_LARGE = "number_too_large"
    DUPLICATE_NATIONAL_NUMBER = "duplicate_national_number"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    NOT_FOUND = "not_found"
    STALE_RECORD = "stale_record"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_DISABLED = "account_disabled"
    # Disabled by headquarters (an account HQ manages): the branch admin cannot re-enable it.
    ACCOUNT_DISABLED_BY_HQ = "account_disabled_by_hq"
    # An account HQ made: the worker must choose a password before entering.
    PASSWORD_NOT_SET = "password_not_set"
    PASSWORDS_DIFFER = "passwords_differ"
    USERNAME_TAKEN = "username_taken"
    USERNAME_FORMAT = "username_format"
    PASSWORD_TOO_SHORT = "password_too_short"
    PERMISSION_DENIED = "permission_denied"
    FILE_UNREADABLE = "file_unreadable"
    FILE_FORMAT = "file_format"
    UNKNOWN_COLUMN = "unknown_column"
    MISSING_COLUMN = "missing_column"
    HOUSEHOLD_MEMBER_CONFLICT = "household_member_conflict"
    # A family registered in one pass: exactly one head; one national number per person.
    FAMILY_HEAD_COUNT = "family_head_count"
    NATIONAL_NUMBER_TWICE = "national_number_twice"
    # Moving a person who heads another household that has other members.
    HEAD_OF_OTHER_HOUSEHOLD = "head_of_other_household"
    DATE_IN_FUTURE = "date_in_future"
    CASE_TRANSITION = "case_transition"
    CASE_NEEDS_ASSESSMENT = "case_needs_assessment"
    CASE_NEEDS_PLAN = "case_needs_plan"
    CASE_CLOSED = "case_closed"
    # Closing with an item still open (plan item, unanswered referral, overdue visit) that
    # was neither resolved nor given a reason; `item` names it.
    CLOSURE_ITEM_OPEN = "closure_item_open"
    CASE_NUMBER_FORMAT = "case_number_format"
    SUPERVISOR_ONLY = "supervisor_only"
    BREAK_GLASS_REQUIRED = "break_glass_required"
    CASE_TYPE_FIELD = "case_type_field"
    DOCUMENT_TOO_LARGE = "document_too_large"
    DOCUMENT_TYPE = "document_type"
    TRANSFER_PENDING = "transfer_pending"
    # HQ moved the case to another branch: this branch keeps a read-only copy.
    CASE_TRANSFERRED = "case_transferred"
    # A person's record another branch registered (a copy, by a transfer or a merge).
    RECORD_OF_OTHER_BRANCH = "record_of_other_branch"
    # A list of people to match (`sanad search --batch`): a line too long, or too many cells.
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_COLUMNS = "too_many_columns"


@dataclass(frozen=True, slots=True)
class FieldError:
    """One rejected field: which field, why (a code), and values for the message."""

    field: str
    code: ErrorCode
    params: dict[str, str] = dataclasses.field(default_factory=dict)

    def describe(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.field}: {self.code.value}" + (f" ({extra})" if extra else "")


class DomainError(Exception):
    """A rule was broken. Carries a code, never a translated message."""

    def __init__(self, code: ErrorCode, *, field: str | None = None, **params: str) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code.value}" + (f" [{field}]" if field else ""))


class ValidationFailed(DomainError):
    """Several fields were rejected at once; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        first = errors[0] if errors else FieldError("", ErrorCode.REQUIRED)
        super().__init__(first.code, field=first.field, **first.params)
        self.args = ("; ".join(e.describe() for e in errors),)

    def for_field(self, name: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == name]
