"""The simulation as the user reads it: two short messages, dated rates, sources recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import List

from actions.buttons import button
from actions.knowledge.model import Fact
from actions.knowledge.queries import Knowledge
from actions.rendering import render_fact
from actions.replies import Reply
from actions.simulation.amounts import MONTH
from actions.simulation.compute import Simulation
from charts.bars import euros

ACTIVITY_LABELS = {
    "bnc": "des prestations de services en libéral non réglementé (BNC)",
    "bic_services": "des prestations commerciales ou artisanales (BIC)",
    "sales": "de la vente de marchandises",
    "cipav": "une profession libérale réglementée (CIPAV)",
}


def amount(value: Decimal) -> str:
    """1123.2 -> « 1 123,20 € », 1800 -> « 1 800 € », as the chart writes them."""
    return euros(value)


def percent(value: Decimal) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return f"{text.replace('.', ',')} %"


def day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def _validity(simulation: Simulation, today: dt.date) -> str:
    stale = simulation.stale_rates(today)
    if not stale:
        return f"taux en vigueur au {day(today)}"
    return (
        f"avec les taux de la période précédente (du {day(min(r.valid_from for r in stale))} "
        f"au {day(max(r.valid_until for r in stale))})"
    )


def _computation(simulation: Simulation, today: dt.date, platform_name: str) -> str:
    s = simulation
    turnover = (
        f"{amount(s.turnover.monthly)} par mois ({amount(s.turnover.yearly)} par an)"
        if s.inputs.turnover.period == MONTH
        else f"{amount(s.turnover.yearly)} par an ({amount(s.turnover.monthly)} par mois)"
    )
    rate = percent(s.applied_rate)
    if s.applied_rate != s.contribution_rate:
        rate = f"{rate} avec l'ACRE, au lieu de {percent(s.contribution_rate)}"
    lines = [
        f"Simulation pour {ACTIVITY_LABELS[s.inputs.activity]}, {_validity(s, today)} :",
        f"• Chiffre d'affaires : {turnover}",
        f"• Commission {platform_name} ({percent(s.commission_rate)}) : − {amount(s.commission.monthly)} par mois"
        if s.commission_rate
        else "• Pas de commission de plateforme",
        f"• Cotisations sociales ({rate}) : − {amount(s.contributions.monthly)} par mois",
        f"• Reste avant impôt sur le revenu : {amount(s.remaining.monthly)} par mois, "
        f"soit {amount(s.remaining.yearly)} par an.",
    ]
    if s.commission_rate:
        lines.append("Les cotisations portent sur tout le chiffre d'affaires, commission comprise.")
    if s.stale_rates(today):
        lines.append("Attention : ces taux ont pu changer depuis, vérifiez-les sur le site officiel de l'Urssaf.")
    return "\n".join(lines)


def _checks(simulation: Simulation, simulator: Fact) -> str:
    s, rates = simulation, simulation.rates
    ceiling, vat, tolerance = (amount(Decimal(str(rates[k].value))) for k in ("ceiling", "vat", "vat_tolerance"))
    yearly = amount(s.turnover.yearly)
    years = f"{rates['ceiling'].valid_from.year}-{rates['ceiling'].valid_until.year}"
    lines = [
        f"• Plafond : {yearly} par an, au-dessus du plafond {years} de {ceiling} ; vous ne sortez du régime "
        "qu'après l'avoir dépassé deux années de suite."
        if s.over_ceiling
        else f"• Plafond : {yearly} par an, sous le plafond {years} de {ceiling} de la micro-entreprise.",
        {
            "below": f"• TVA : sous le seuil de franchise de {vat}, vous ne facturez pas la TVA.",
            "tolerance": f"• TVA : au-dessus du seuil de franchise de {vat}, mais sous le seuil majoré de "
            f"{tolerance} : vérifiez sur impots.gouv.fr si vous devez facturer la TVA.",
            "above": f"• TVA : au-delà du seuil majoré de {tolerance}, la franchise ne s'applique plus : "
            "vous facturez la TVA.",
        }[s.vat],
    ]
    if "acre" in rates:
        within = rates["acre"].request_within_days
        deadline = f", à demander à l'Urssaf dans les {within} jours" if within else ""
        lines.append(
            f"• ACRE : {amount(s.acre_saving.monthly)} de cotisations en moins par mois pendant les 12 premiers "
            f"mois{deadline}."
        )
    lines.append(f"C'est une estimation, pas un conseil fiscal. {render_fact(simulator)}")
    return "\n".join(lines)


def simulation_replies(knowledge: Knowledge, simulation: Simulation, today: dt.date) -> List[Reply]:
    """The computation, then the checks with the sources of every figure used (for « d'où vient… ? »)."""
    platform = knowledge.find_platform(simulation.inputs.platform)
    simulator = knowledge.store.official_simulator
    facts = [rate.fact for rate in simulation.rates.values()] + [simulator]
    buttons = [
        button("Nouvelle simulation", "simulate_income"),
        button("D'où viennent ces chiffres ?", "ask_source"),
        button("La micro-entreprise", "ask_legal_status", legal_topic="micro_entreprise"),
        button("L'ACRE", "ask_legal_status", legal_topic="acre"),
    ]
    return [
        Reply(_computation(simulation, today, platform.name if platform else "")),
        Reply(_checks(simulation, simulator), buttons, facts, "simulation"),
    ]
