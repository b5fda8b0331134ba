"""Recoding rules: when what is said about an act changes its CAMEO code.

PLOVER codes a promise of cooperation as AGREE, a refusal as REJECT and an announced hostile act
as THREATEN; CAMEO has the matching "intend to" (03x), "refuse" (12x) and "threaten" (13x) codes.
Visits and meetings stay CONSULT, flagged future. Demanding is not appealing (02x → 10x), and an
obligation a speaker states ("X must return ...") is that speaker's demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.ontology import CodeInfo, Ontology
from eventwire.models import Modality

PROMISE_CODES = {"05": "032", "06": "031", "07": "033", "08": "035"}
REFUSAL_CODES = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
THREAT_CODES = {"14": "130", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
# Demanding is not appealing: CAMEO's 02x appeal codes become the matching 10x demand codes.
DEMAND_VERBS = frozenset({"demand", "insist", "order", "require"})
# The demand (CAMEO 10x) that an obligation to act of a given root amounts to.
DEMAND_FOR_ROOT = {
    "03": "100",
    "04": "106",
    "05": "102",
    "06": "101",
    "07": "103",
    "08": "105",
    "09": "100",
    "12": "1056",
    "14": "1052",
    "15": "1056",
    "17": "105",
    "18": "1056",
    "19": "1056",
    "20": "1056",
}
# What makes an act announced rather than done: "will support", "is willing to withdraw".
# Unlike modality.FUTURE_AUX (which decides the future flag) this set includes "would".
ANNOUNCING_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
WILLING_HEADS = frozenset(
    {
        "willing",
        "ready",
        "prepared",
        "prepare",
        "plan",
        "intend",
        "vow",
        "pledge",
        "promise",
        "offer",
        "agree",
        "decide",
        "threaten",
        "go",
        "set",
        "due",
        "poised",
    }
)


def demand_code(lemma: str, code: str) -> str:
    """The 10x demand code for an appeal code (02x) matched by a demanding verb; else ``code``."""
    if lemma in DEMAND_VERBS and code.startswith("02"):
        return "10" + code[2:]
    return code


def announced(tok: Token) -> bool:
    """Whether the act of ``tok`` is announced for later: a future auxiliary or a willing/planning head."""
    if any(child.dep_ == "aux" and child.lower_ in ANNOUNCING_AUX for child in tok.children):
        return True
    return tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in WILLING_HEADS


def shift_for_modality(
    info: CodeInfo, modality: Modality, ontology: Ontology, tok: Token
) -> tuple[CodeInfo, str] | None:
    """The AGREE / REJECT / THREATEN code for an announced or negated act, if it shifts."""
    if modality.historical:
        return None
    root = info.root
    if modality.negated and root in REFUSAL_CODES and any(c.dep_ == "neg" for c in tok.children):
        target, why = REFUSAL_CODES[root], "negated cooperation → REJECT"  # "will not accept"
    elif modality.negated or not (modality.future or modality.hypothetical) or not announced(tok):
        return None
    elif root in PROMISE_CODES:
        target, why = PROMISE_CODES[root] + info.code[3:], "promised cooperation → AGREE"
    elif root in THREAT_CODES:
        target, why = THREAT_CODES[root], "announced hostile act → THREATEN"
    else:
        return None
    shifted = ontology.get(target) or ontology.get(target[:3])
    if shifted is None or shifted.plover_type is None:
        return None
    return shifted, f"{why} (CAMEO {info.code} → {shifted.code})"
