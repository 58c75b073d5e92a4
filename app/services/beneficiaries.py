"""Register, edit, find and de-duplicate beneficiaries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import beneficiary_repo as repo
from app.db import search_hits, search_index, search_query
from app.db.audit import append_audit
from app.db.clock import utcnow
from app.db.models import BeneficiaryRow, DuplicateDecisionRow, IdentifierRow, PhoneRow, UserRow
from app.db.person_numbers import next_person_number
from app.domain.beneficiary import (
    BeneficiaryData,
    BeneficiaryDraft,
    validate_beneficiary,
)
from app.domain.duplicates import (
    DATE_WEIGHT,
    LIKELY_DUPLICATE_SCORE,
    MOTHER_WEIGHT,
    NAME_WEIGHT,
    PersonKey,
    is_likely_duplicate,
    match_score,
    mother_key,
    name_key,
)
from app.domain.errors import DomainError, ErrorCode
from app.domain.person_numbers import normalize_person_number
from app.services.beneficiary_save import save_new_person
from app.services.beneficiary_views import candidate as _candidate
from app.services.beneficiary_views import candidate_of as _candidate_of
from app.services.beneficiary_views import hit as _hit
from app.services.beneficiary_views import view as _view
from app.services.context import ServiceContext
from app.services.dto import (
    BeneficiaryView,
    ChangeEntry,
    DuplicateCandidate,
    FieldChange,
    SearchHit,
)
from app.services.duplicate_errors import DuplicateNationalNumber as DuplicateNationalNumber
from app.services.duplicate_errors import PossibleDuplicates as PossibleDuplicates
from app.services.reference import ReferenceService
from app.sync.branch_redirects import survivor_of

MAX_CANDIDATES = 10
# The best a candidate can reach with a perfect mother's name and birth date is
# 100 * (MOTHER_WEIGHT + DATE_WEIGHT); below this name ratio it can never be likely.
_NAME_CUTOFF = (LIKELY_DUPLICATE_SCORE - 100 * (MOTHER_WEIGHT + DATE_WEIGHT)) / NAME_WEIGHT


class BeneficiaryService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference

    # -- reading -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 100, offset: int = 0) -> list[SearchHit]:
        """Best matches first (a typed person number: that person); an empty query lists the
        most recently registered."""
        db = self._ctx.db
        # On the DBAPI connection (app.db.search_query): no Session, no ORM rows.
        with db.raw_read() as conn:
            if query.strip():
                number = normalize_person_number(query)
                exact = search_hits.local_id_of_number(conn, number) if number else None
                local_ids = search_query.local_ids(conn, db.engine, query, limit, offset)
                if exact is not None:
                    local_ids = [i for i in local_ids if i != exact]
                    local_ids = [exact, *local_ids][:limit] if offset == 0 else local_ids
                rows = search_hits.hits(conn, local_ids)
            else:
                rows = search_hits.recent(conn, limit, offset)
        return [_hit(r) for r in rows]

    def get(self, beneficiary_id: str) -> BeneficiaryView:
        """The person; for a record HQ merged into another, the survivor (`merged_from`)."""
        with self._ctx.db.read() as session:
            redirect = survivor_of(session, beneficiary_id)
            if redirect is not None:
                row = repo.get(session, redirect.survivor_id)
                if row is not None:
                    retired = repo.number_of(session, beneficiary_id)
                    return replace(
                        _view(session, row),
                        merged_from=beneficiary_id,
                        merged_from_number=retired or "",
                    )
            row = repo.get(session, beneficiary_id)
            if row is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="id")
            return _view(session, row)

    def get_by_number(self, numbers: Sequence[str]) -> BeneficiaryView:
        """The person holding the first of `numbers` (a scanned code's readings) that exists."""
        with self._ctx.db.read() as session:
            row = repo.by_person_number(session, numbers)
            if row is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="person_number")
            return _view(session, row)

    def history(self, beneficiary_id: str) -> list[ChangeEntry]:
        """Every captured change of the person and their documents and phones, oldest first.

        A removed phone or document is a tombstone whose change is only `deleted_at`; the
        entry also names what was removed, so the worker sees which number went.
        """
        with self._ctx.db.read() as session:
            entries = repo.history(session, beneficiary_id)
            names = {u.id: u.display_name for u in session.scalars(select(UserRow))}
            removed = repo.removed_child_values(
                session, [e.row_id for e in entries if e.op == "delete"]
            )
            history = []
            for e in entries:
                changes = [
                    FieldChange(field, old, new)
                    for field, (old, new) in sorted(json.loads(e.changes).items())
                ]
                if e.row_id in removed:
                    field, value = removed[e.row_id]
                    changes.insert(0, FieldChange(field, value, None))
                history.append(
                    ChangeEntry(
                        at=e.changed_at,
                        user=names.get(e.user_id, e.user_id),
                        table=e.table_name,
                        op=e.op,
                        changes=tuple(changes),
                    )
                )
            return history

    def check_duplicates(
        self, data: BeneficiaryData, exclude_id: str | None = None
    ) -> list[DuplicateCandidate]:
        """Exact national-number matches first, then likely matches by name, mother, birth."""
        with self._ctx.db.read() as session:
            return _duplicates(session, data, exclude_id)

    def validate(self, draft: BeneficiaryDraft) -> BeneficiaryData:
        return validate_beneficiary(draft, self._ctx.today(), self._reference.municipality_codes())

    # -- writing -------------------------------------------------------------------------

    def register(
        self, draft: BeneficiaryDraft, confirmed_different: Sequence[str] = ()
    ) -> BeneficiaryView:
        """Validate, check for duplicates, save. Raises before anything is written.

        The fuzzy check reads a snapshot before the write transaction, so the database's
        single writer is held only for the save itself; the exact national-number check is
        repeated inside it (two desks registering the same number at once: one wins).
        """
        data = self.validate(draft)
        with self._ctx.db.read() as session:
            candidates = _duplicates(session, data, None)
        exact = [c for c in candidates if c.exact]
        if exact:
            raise DuplicateNationalNumber(exact[0])
        unresolved = [c for c in candidates if c.id not in set(confirmed_different)]
        if unresolved:
            raise PossibleDuplicates(unresolved)
        return self._save_new(data, candidates)

    def _save_new(
        self, data: BeneficiaryData, decided: Sequence[DuplicateCandidate]
    ) -> BeneficiaryView:
        """The write transaction of `register` (`app.services.beneficiary_save`)."""
        actor = self._ctx.actor()
        with self._ctx.db.transaction(actor) as session:
            number = data.national_number
            if number and repo.national_number_held(session, number):
                exact = _exact_matches(session, data, None)
                if exact:
                    raise DuplicateNationalNumber(exact[0])
            return save_new_person(session, actor, data, decided)

    def update(
        self, beneficiary_id: str, draft: BeneficiaryDraft, expected_version: int
    ) -> BeneficiaryView:
        data = self.validate(draft)
        with self._ctx.db.transaction(self._ctx.actor()) as session:
            row = repo.get(session, beneficiary_id)
            if row is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="id")
            if row.origin_branch != self._ctx.branch_code:  # HQ would refuse it: say so now
                raise DomainError(ErrorCode.RECORD_OF_OTHER_BRANCH, branch=row.origin_branch)
            if row.row_version != expected_version:
                raise DomainError(ErrorCode.STALE_RECORD)
            exact = _exact_matches(session, data, beneficiary_id)
            if exact:
                raise DuplicateNationalNumber(exact[0])
            _copy_fields(row, data)
            _sync_children(session, row, data)
            session.flush()
            search_index.put(session, row.local_id, _index_values(data))
            append_audit(
                session,
                "beneficiary.update",
                user_id=self._ctx.actor().user_id,
                entity="beneficiary",
                entity_id=row.id,
            )
            return _view(session, row)


# -- helpers --------------------------------------------------------------------------------


def insert_person(
    session: Session,
    ctx: ServiceContext,
    data: BeneficiaryData,
    decided: Sequence[DuplicateCandidate],
) -> BeneficiaryRow:
    """A new person in the caller's transaction (`register`, a family saved in one pass),
    numbered from the branch's counter (TRP01-P-000123)."""
    row = BeneficiaryRow(person_number=next_person_number(session, ctx.branch_code))
    _copy_fields(row, data)
    session.add(row)
    session.flush()
    _sync_children(session, row, data)
    session.add_all(
        DuplicateDecisionRow(
            beneficiary_id=row.id, other_id=c.id, decision="different_person", score=round(c.score)
        )
        for c in decided
    )
    search_index.put(session, row.local_id, _index_values(data))
    append_audit(
        session,
        "beneficiary.create",
        user_id=ctx.actor().user_id,
        entity="beneficiary",
        entity_id=row.id,
    )
    return row


def _index_values(data: BeneficiaryData) -> tuple[str, ...]:
    return search_index.index_values(
        data.name_parts,
        data.mother_name,
        [i.number for i in data.identifiers],
        data.phones,
        latin_name=data.latin_name,
    )


def _copy_fields(row: BeneficiaryRow, data: BeneficiaryData) -> None:
    row.first_name, row.father_name, row.grandfather_name, row.family_name = data.name_parts
    row.mother_name = data.mother_name
    row.latin_name = data.latin_name
    row.sex = data.sex.value
    row.birth_date = data.birth_date
    row.birth_date_estimated = data.birth_date_estimated
    row.nationality = data.nationality
    row.municipality_code = data.municipality_code
    row.address = data.address
    row.marital_status = data.marital_status.value if data.marital_status else None
    row.disability_type = data.disability_type.value
    row.disability_degree = data.disability_degree.value if data.disability_degree else None
    row.displacement_status = data.displacement_status.value
    row.monthly_income_dirhams = data.monthly_income_dirhams
    row.notes = data.notes
    row.name_key = name_key(*data.name_parts)
    row.mother_key = mother_key(data.mother_name)


def _sync_children(session: Session, row: BeneficiaryRow, data: BeneficiaryData) -> None:
    """Make identifier and phone rows match `data`: tombstone what went, add what came."""
    now = utcnow()
    current = repo.identifiers_of(session, [row.id])[row.id]
    wanted = {(i.type.value, i.number) for i in data.identifiers}
    for ident in current:
        if (ident.id_type, ident.number) not in wanted:
            ident.deleted_at = now
    have = {(i.id_type, i.number) for i in current}
    for ident_type, number in sorted(wanted - have):
        session.add(IdentifierRow(beneficiary_id=row.id, id_type=ident_type, number=number))
    phones = repo.phones_of(session, [row.id])[row.id]
    by_number = {p.e164: p for p in phones}
    for phone in phones:
        if phone.e164 not in data.phones:
            phone.deleted_at = now
    for position, e164 in enumerate(data.phones):
        existing = by_number.get(e164)
        if existing is None:
            session.add(PhoneRow(beneficiary_id=row.id, e164=e164, position=position))
        elif existing.position != position:
            existing.position = position


def _exact_matches(
    session: Session, data: BeneficiaryData, exclude_id: str | None
) -> list[DuplicateCandidate]:
    number = data.national_number
    if not number:
        return []
    return [
        _candidate(r, number, 100.0, exact=True)
        for r in repo.by_national_number(session, number)
        if r.id != exclude_id
    ]


def _duplicates(
    session: Session, data: BeneficiaryData, exclude_id: str | None
) -> list[DuplicateCandidate]:
    exact = _exact_matches(session, data, exclude_id)
    key = PersonKey(
        name_key(*data.name_parts), mother_key(data.mother_name), data.birth_date, data.sex
    )
    sex, year = data.sex.value, data.birth_date.year
    # Name similarity first, vectorized, over the block's names alone, to prune; then the
    # survivors' rows are read and fully scored (their ISO dates parsed, nobody else's).
    names = repo.duplicate_block_names(session, sex, year)
    near = process.extract(
        key.name_key, names, scorer=fuzz.ratio, score_cutoff=_NAME_CUTOFF, limit=None
    )
    survivors = sorted({names[index] for _, _, index in near})
    scored: list[tuple[float, str]] = []
    skip = {exclude_id, *(c.id for c in exact)}
    for bid, bname, bmother, bborn in repo.duplicate_block_rows(session, sex, year, survivors):
        if bid in skip:
            continue
        score = match_score(key, PersonKey(bname, bmother, date.fromisoformat(bborn), data.sex))
        if is_likely_duplicate(score):
            scored.append((score, bid))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return exact + _likely(session, scored)


def _likely(session: Session, scored: list[tuple[float, str]]) -> list[DuplicateCandidate]:
    """The best MAX_CANDIDATES living people of `scored` (best first), loaded a few at once."""
    likely: list[DuplicateCandidate] = []
    for start in range(0, len(scored), MAX_CANDIDATES):
        chunk = scored[start : start + MAX_CANDIDATES]
        rows = repo.live_candidates(session, [bid for _, bid in chunk])
        live = [(score, rows[bid]) for score, bid in chunk if bid in rows]
        likely.extend(_candidate_of(row, score) for score, row in live)
        if len(likely) >= MAX_CANDIDATES:
            return likely[:MAX_CANDIDATES]
    return likely
