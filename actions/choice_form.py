"""The guided choice form (choice_form): reading answers and asking the five questions."""

from __future__ import annotations

from typing import Optional

from actions.answer_parsing import is_correction, parse_answer, says_dont_know
from actions.custom_forms import AskSlotAction, GuidedFormValidation
from actions.knowledge.queries import Knowledge

FORM = "choice_form"


class ValidateChoiceForm(GuidedFormValidation):
    """validate_choice_form: places free French answers and button answers on slot values."""

    form = FORM

    def parse(self, slot: str, text: str) -> Optional[str]:
        return parse_answer(slot, text)

    def is_correction(self, text: str) -> bool:
        return is_correction(text)

    def says_dont_know(self, text: str) -> bool:
        return says_dont_know(text)

    def default(self, slot: str) -> str:
        return next(c.default for c in Knowledge().choice_model().criteria if c.slot == slot)


class ActionAskSchedule(AskSlotAction):
    """action_ask_schedule: question 1/5."""

    form, slot = FORM, "schedule"


class ActionAskSkills(AskSlotAction):
    """action_ask_skills: question 2/5."""

    form, slot = FORM, "skills"


class ActionAskIncome(AskSlotAction):
    """action_ask_income: question 3/5."""

    form, slot = FORM, "income"


class ActionAskCareer(AskSlotAction):
    """action_ask_career: question 4/5."""

    form, slot = FORM, "career"


class ActionAskAutonomy(AskSlotAction):
    """action_ask_autonomy: question 5/5."""

    form, slot = FORM, "autonomy"


ASK_ACTIONS = (ActionAskSchedule, ActionAskSkills, ActionAskIncome, ActionAskCareer, ActionAskAutonomy)
