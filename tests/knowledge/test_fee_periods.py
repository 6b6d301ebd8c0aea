"""A platform fee has no official period: rates.yml gives it the review window from the day it was checked."""

from actions.knowledge.model import RATE_REVIEWS


def test_every_platform_fee_applies_from_its_check_date_for_its_review_window(store):
    fees = [rate for rate in store.rates.values() if rate.id.startswith("commission_")]
    assert len(fees) >= 3
    for fee in fees:
        assert fee.valid_from == fee.fact.checked, fee.id
        assert 0 < (fee.valid_until - fee.valid_from).days <= RATE_REVIEWS[fee.review], fee.id
