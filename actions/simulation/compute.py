"""The micro-entreprise simulation: turnover, platform commission, contributions, what remains, thresholds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Dict, Optional, Tuple

from actions.knowledge.model import Rate
from actions.simulation.amounts import MONTH, Amount

ACTIVITIES = ("bnc", "bic_services", "sales", "cipav")
ACRE_CHOICES = ("none", "before_july_2026", "from_july_2026")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def euros(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Inputs:
    activity: str
    turnover: Amount
    platform: str = "none"
    acre: str = "none"


@dataclass(frozen=True)
class Line:
    """One step of the computation, per month and per year."""

    monthly: Decimal
    yearly: Decimal


@dataclass(frozen=True)
class Simulation:
    inputs: Inputs
    turnover: Line
    commission: Line
    contributions: Line
    remaining: Line
    commission_rate: Decimal
    contribution_rate: Decimal  # the normal rate of the activity
    applied_rate: Decimal  # after ACRE
    acre_saving: Line
    over_ceiling: bool
    vat: str  # "below" | "tolerance" | "above" the franchise thresholds
    rates: Dict[str, Rate]  # the store's rates used, by role

    def stale_rates(self, today: dt.date) -> Tuple[Rate, ...]:
        """The rates used whose period is over (or not started) on that day."""
        return tuple(rate for rate in self.rates.values() if not rate.applies_on(today))


def _line(amount: Amount, rate: Decimal) -> Line:
    """`rate` percent of the turnover, computed on the period the user gave, then on the other one."""
    share = euros(amount.euros * rate / HUNDRED)
    if amount.period == MONTH:
        return Line(share, share * 12)
    return Line(euros(share / 12), share)


def simulate(inputs: Inputs, rates: Dict[str, Rate]) -> Simulation:
    """Pure: the same inputs and rates always give the same euros."""
    sales = inputs.activity == "sales"
    used = {
        "contribution": rates[f"contribution_{inputs.activity}"],
        "commission": rates[f"commission_{inputs.platform}"],
        "ceiling": rates["ceiling_sales" if sales else "ceiling_services"],
        "vat": rates["vat_sales" if sales else "vat_services"],
        "vat_tolerance": rates["vat_sales_tolerance" if sales else "vat_services_tolerance"],
    }
    acre: Optional[Rate] = rates.get(f"acre_{inputs.acre}")
    if acre:
        used["acre"] = acre
    normal = Decimal(str(used["contribution"].value))
    applied = normal * (HUNDRED - Decimal(str(acre.value))) / HUNDRED if acre else normal
    commission_rate = Decimal(str(used["commission"].value))
    turnover = _line(inputs.turnover, HUNDRED)
    commission = _line(inputs.turnover, commission_rate)
    contributions = _line(inputs.turnover, applied)
    full = _line(inputs.turnover, normal)
    remaining = Line(
        turnover.monthly - commission.monthly - contributions.monthly,
        turnover.yearly - commission.yearly - contributions.yearly,
    )
    yearly = turnover.yearly
    vat = (
        "below"
        if yearly <= Decimal(str(used["vat"].value))
        else "tolerance"
        if yearly <= Decimal(str(used["vat_tolerance"].value))
        else "above"
    )
    return Simulation(
        inputs=inputs,
        turnover=turnover,
        commission=commission,
        contributions=contributions,
        remaining=remaining,
        commission_rate=commission_rate,
        contribution_rate=normal,
        applied_rate=applied,
        acre_saving=Line(full.monthly - contributions.monthly, full.yearly - contributions.yearly),
        over_ceiling=yearly > Decimal(str(used["ceiling"].value)),
        vat=vat,
        rates=used,
    )
