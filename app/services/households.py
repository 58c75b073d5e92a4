"""Households: create with a head, add and remove members, edit where and how they live;
a whole family registered in one pass, and a person moved from another household."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select

from app.db import beneficiary_repo as repo
from app.db.audit import append_audit
from app.db.models import BeneficiaryRow, HouseholdRow
from app.domain.errors import DomainError, ErrorCode
from app.domain.family import NewMemberDraft
from app.domain.household import (
    HouseholdData,
    HouseholdDraft,
    Relationship,
    validate_household,
)
from app.services import family
from app.services.beneficiaries import BeneficiaryService
from app.services.context import ServiceContext
from app.services.dto import HouseholdMemberView, HouseholdView
from app.services.reference import ReferenceService


class HouseholdService:
    def __init__(
        self,
        ctx: ServiceContext,
        reference: ReferenceService,
        people: BeneficiaryService | None = None,
    ) -> None:
        self._ctx = ctx
        self._reference = reference
        self._people = people or BeneficiaryService(ctx, reference)

    def create(self, draft: HouseholdDraft) -> HouseholdView:
        data = validate_household(draft, self._reference.municipality_codes())
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = self._insert(session, data)
            session.flush()
            return _view(session, row)

    def update(
        self, household_id: str, draft: HouseholdDraft, expected_version: int
    ) -> HouseholdView:
        data = validate_household(draft, self._reference.municipality_codes())
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = _get(session, household_id)
            if row.row_version != expected_version:
                raise DomainError(ErrorCode.STALE_RECORD)
            _change_head(session, row, data.head_id)
            _copy(row, data)
            append_audit(
                session,
                "household.update",
                user_id=self._ctx.actor().user_id,
                entity="household",
                entity_id=row.id,
            )
            session.flush()
            return _view(session, row)

    def add_member(
        self, household_id: str, beneficiary_id: str, relationship: Relationship
    ) -> HouseholdView:
        if relationship is Relationship.HEAD:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="relationship")
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = _get(session, household_id)
            member = repo.get(session, beneficiary_id)
            if member is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary_id")
            # Elsewhere already, or this household's head (whose role only `update` changes).
            if member.household_id not in (None, household_id) or member.id == row.head_id:
                raise DomainError(ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="beneficiary_id")
            member.household_id = household_id
            member.household_relationship = relationship.value
            append_audit(
                session,
                "household.member_add",
                user_id=self._ctx.actor().user_id,
                entity="household",
                entity_id=row.id,
                details={"beneficiary": beneficiary_id, "relationship": relationship},
            )
            session.flush()
            return _view(session, row)

    def where_is(self, beneficiary_id: str) -> family.PersonHousehold | None:
        """The household the person is in now (for the "move here?" question), or None."""
        with self._ctx.db.read() as session:
            return family.where_is(session, beneficiary_id)

    def move_member(
        self, household_id: str, beneficiary_id: str, relationship: Relationship
    ) -> HouseholdView:
        """Out of their household and into this one, in one transaction (the worker chose)."""
        if relationship is Relationship.HEAD:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="relationship")
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = _get(session, household_id)
            member = repo.get(session, beneficiary_id)
            if member is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary_id")
            family.join(session, self._ctx, row, member, relationship, move=True)
            session.flush()
            return _view(session, row)

    def save_family(
        self,
        household_id: str | None,
        draft: HouseholdDraft,
        new_members: Sequence[NewMemberDraft] = (),
        existing: Sequence[family.ExistingMember] = (),
        expected_version: int | None = None,
    ) -> HouseholdView:
        """The household (new, or its fields changed) with all its new people registered and
        the picked people joined, in ONE transaction: any bad row and nothing is saved.

        A new household's head is `draft.head_id` (a registered person) or else the one new
        row whose relationship is "head". Raises ValidationFailed (row errors keyed
        `member.<row>.<field>`), FamilyDuplicates, or MemberOfOtherHousehold.
        """
        codes = self._reference.municipality_codes()
        checked = family.check_family(self._people, codes, self._ctx.today(), draft, new_members)
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            inserted = family.insert_new_members(session, self._ctx, checked)
            head_id = draft.head_id.strip() or next(
                r.id for r, rel in inserted if rel is Relationship.HEAD
            )
            data = validate_household(replace(draft, head_id=head_id), codes)
            if household_id is None:
                row = self._insert(session, data)
            else:
                row = _get(session, household_id)
                if expected_version is not None and row.row_version != expected_version:
                    raise DomainError(ErrorCode.STALE_RECORD)
                _change_head(session, row, data.head_id)
                _copy(row, data)
                self._audit(session, "household.update", row.id)
            family.place_new_members(session, self._ctx, row, inserted)
            for pick in existing:
                member = repo.get(session, pick.beneficiary_id)
                if member is None:
                    raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary_id")
                family.join(session, self._ctx, row, member, pick.relationship, move=pick.move)
            session.flush()
            return _view(session, row)

    def _insert(self, session, data: HouseholdData) -> HouseholdRow:  # type: ignore[no-untyped-def]
        """A new household around its head (who must not belong to another one)."""
        head = repo.get(session, data.head_id)
        if head is None:
            raise DomainError(ErrorCode.NOT_FOUND, field="head_id")
        if head.household_id is not None:
            raise DomainError(ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="head_id")
        row = HouseholdRow()
        _copy(row, data)
        session.add(row)
        session.flush()
        head.household_id = row.id
        head.household_relationship = Relationship.HEAD.value
        self._audit(session, "household.create", row.id)
        return row

    def _audit(self, session, action: str, household_id: str) -> None:  # type: ignore[no-untyped-def]
        append_audit(
            session,
            action,
            user_id=self._ctx.actor().user_id,
            entity="household",
            entity_id=household_id,
        )

    def remove_member(self, household_id: str, beneficiary_id: str) -> HouseholdView:
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = _get(session, household_id)
            if beneficiary_id == row.head_id:
                raise DomainError(ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="beneficiary_id")
            member = repo.get(session, beneficiary_id)
            if member is None or member.household_id != household_id:
                raise DomainError(ErrorCode.NOT_FOUND, field="beneficiary_id")
            member.household_id = None
            member.household_relationship = None
            append_audit(
                session,
                "household.member_remove",
                user_id=self._ctx.actor().user_id,
                entity="household",
                entity_id=row.id,
                details={"beneficiary": beneficiary_id},
            )
            session.flush()
            return _view(session, row)

    def get(self, household_id: str) -> HouseholdView:
        with self._ctx.db.read() as session:
            return _view(session, _get(session, household_id))


def _get(session, household_id: str) -> HouseholdRow:  # type: ignore[no-untyped-def]
    row = session.scalar(select(HouseholdRow).where(HouseholdRow.id == household_id))
    if row is None or row.deleted_at is not None:
        raise DomainError(ErrorCode.NOT_FOUND, field="household_id")
    return row  # type: ignore[no-any-return]


def _change_head(session, row: HouseholdRow, head_id: str) -> None:  # type: ignore[no-untyped-def]
    if head_id == row.head_id:
        return
    new_head = repo.get(session, head_id)
    if new_head is None or new_head.household_id != row.id:
        raise DomainError(ErrorCode.HOUSEHOLD_MEMBER_CONFLICT, field="head_id")
    old_head = repo.get(session, row.head_id)
    if old_head is not None:
        old_head.household_relationship = Relationship.OTHER_RELATIVE.value
    new_head.household_relationship = Relationship.HEAD.value


def _copy(row: HouseholdRow, data: HouseholdData) -> None:
    row.head_id = data.head_id
    row.municipality_code = data.municipality_code
    row.address = data.address
    row.housing_type = data.housing_type.value if data.housing_type else None
    row.monthly_income_dirhams = data.monthly_income_dirhams
    row.notes = data.notes


def _view(session, row: HouseholdRow) -> HouseholdView:  # type: ignore[no-untyped-def]
    members = list(
        session.scalars(
            select(BeneficiaryRow)
            .where(BeneficiaryRow.household_id == row.id, BeneficiaryRow.deleted_at.is_(None))
            .order_by(BeneficiaryRow.birth_date)
        )
    )
    head = next((m for m in members if m.id == row.head_id), None)
    ordered = sorted(members, key=lambda m: (m.id != row.head_id, m.birth_date))
    return HouseholdView(
        id=row.id,
        head_id=row.head_id,
        head_name=_full(head) if head else "",
        municipality_code=row.municipality_code,
        address=row.address,
        housing_type=row.housing_type,
        monthly_income_dirhams=row.monthly_income_dirhams,
        notes=row.notes,
        members=tuple(
            HouseholdMemberView(
                m.id,
                _full(m),
                m.household_relationship or "",
                m.birth_date,
                m.sex,
                m.person_number or "",
                m.birth_date_estimated,
            )
            for m in ordered
        ),
        row_version=row.row_version,
    )


def _full(m: BeneficiaryRow) -> str:
    return " ".join(
        p for p in (m.first_name, m.father_name, m.grandfather_name, m.family_name) if p
    )
