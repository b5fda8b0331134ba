"""Recoding rules: when what is said about an act changes its CAMEO code.

PLOVER codes a promise of cooperation as AGREE, a refusal as REJECT and an announced hostile act
as THREATEN; CAMEO has the matching "intend to" (03x), "refuse" (12x) and "threaten" (13x) codes.
Visits and meetings stay CONSULT, flagged future. Demanding is not appealing (02x → 10x), and an
obligation a speaker states ("X must return ...") is that speaker's demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.cues import active as cues
from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.coding.trace import Rule, Step
from eventwire.models import Modality


def demand_code(lemma: str, code: str) -> str:
    """The 10x demand code for an appeal code (02x) matched by a demanding verb; else ``code``."""
    if lemma in cues().demand_verbs and code.startswith("02"):
        return "10" + code[2:]
    return code


def announced(tok: Token) -> bool:
    """Whether the act of ``tok`` is announced for later: a future auxiliary or a willing/planning head."""
    if any(child.dep_ == "aux" and child.lower_ in cues().announcing_aux for child in tok.children):
        return True
    return tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in cues().willing_heads


def shift_for_modality(
    info: CodeInfo, modality: Modality, ontology: Ontology, tok: Token
) -> tuple[CodeInfo, Step] | None:
    """The AGREE / REJECT / THREATEN code for an announced or negated act, if it shifts."""
    if modality.historical:
        return None
    root = info.root
    if modality.negated and root in cues().recode("refusal") and any(c.dep_ == "neg" for c in tok.children):
        target, rule = cues().recode("refusal")[root], Rule.NEGATED_COOPERATION  # "will not accept"
    elif modality.negated or not (modality.future or modality.hypothetical) or not announced(tok):
        return None
    elif root in cues().recode("promise"):
        target, rule = cues().recode("promise")[root] + info.code[3:], Rule.PROMISED_COOPERATION
    elif root in cues().recode("threat"):
        target, rule = cues().recode("threat")[root], Rule.ANNOUNCED_HOSTILITY
    else:
        return None
    shifted = ontology.get(target) or ontology.get(target[:3])
    if shifted is None or shifted.plover_type is None:
        return None
    return shifted, Step(rule, f"(CAMEO {info.code} → {shifted.code})")
