from app.domain.beneficiary import BeneficiaryDraft
from app.services.setup import AppServices


def test_register_then_find(worker: AppServices) -> None:
    view = worker.beneficiaries.register(
        BeneficiaryDraft(first_name="محمد", father_name="علي", grandfather_name="سالم",
                         family_name="الورفلي", mother_name="فاطمة أحمد", sex="M",
                         birth_date="1985-03-15", national_number="119850123456")
    )
    hits = worker.beneficiaries.search("محمد علي")
    assert [h.id for h in hits] == [view.id]
