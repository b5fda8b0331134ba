"""Who did it and to whom: roles over a spaCy dependency parse.

Functions here find the token heads of the source and target phrases of a
verbal or nominal trigger (subject, passive agent, object, prepositional
roles, inherited subjects of infinitival/clausal complements, relative
clauses); ``MentionIndex`` turns those heads into resolved actor mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.coding.cues import active as cues
from eventwire.coding.trace import Rule, Step
from eventwire.models import Mention

# Dependents that stay inside a noun phrase when collecting its actors.
NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "appos",
        "nmod",
        "det",
        "conj",
        "cc",
        "flat",
        "nummod",
        "case",
        "punct",
        "quantmod",
        "npadvmod",
        "advmod",
    }
)
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Verbs reached through these relations share their governor's subject.
INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dobj", "pobj", "acomp"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Phrase heads for the two roles, and the rules that found them."""

    actors: tuple[Token, ...]
    recipients: tuple[Token, ...]
    trace: tuple[Step, ...]
    alleged: bool = False
    shared: tuple[Token, ...] = ()  # "between A and B": first actor found → actor, the rest → recipient
    places: tuple[Token, ...] = ()  # "in X" phrases of a nominal event
    # Subjects of clauses between a trailing participle clause and the clause the parse hangs it on:
    # the participle may describe any of them ("X will discuss Y, which Z maintains ..., having denied")
    rivals: tuple[Token, ...] = ()
    partners_only: bool = False  # a discussion: only its partners are recipients, never what it is about
    companions: tuple[Token, ...] = ()  # co-actors: the one accompanied ("accompany Netanyahu to Moscow")


def subject_of(verb: Token, depth: int = 6) -> Token | None:
    """The active subject of ``verb``, inherited from governing verbs when it has none."""
    v = verb
    for _ in range(depth):
        for child in v.children:
            if child.dep_ in SUBJ_DEPS:
                if child.tag_ in RELATIVE_TAGS and v.dep_ == "relcl":
                    return v.head
                return child
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.lemma_.lower() in cues().document_nouns:
            v = v.head  # "issued a declaration demanding ...": the issuer demands
            continue
        if v.dep_ == "acl" and to_infinitive(v) and (holder := _noun_holder(v.head)) is not None:
            return holder  # "the willingness of Germany to provide weapons": Germany would provide them
        if (goal := stated_goal(v)) is not None and (holder := _goal_holder(goal)) is not None:
            return holder  # "part of the goal behind Netanyahu's trip is to ensure ...": Netanyahu's trip
        if v.dep_ == "acl" and (root := _root_noun(v.head)) is not None and v.i > v.head.i:
            return root  # a sentence misparsed as a noun phrase: "Palestinian youths resorted to ..."
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG"):
            return v.head if v.tag_ != "VBN" else None
        if v.dep_ not in INHERIT_DEPS or v.head.i == v.i:
            return _misparsed_subject(v) if v.dep_ == "ROOT" else None
        if v.dep_ in ("xcomp", "advcl") and _is_passive(v.head):
            return None
        v = v.head
    return None


def participle_rivals(verb: Token, depth: int = 4) -> tuple[Token, ...]:
    """Subjects that compete with the inherited subject of a trailing participle clause.

    "Japan will discuss reports about X, which Beijing insists is routine, having denied ...": the
    parse hangs "having denied" on "discuss", but the participle may as well describe Beijing. The
    subjects of clauses standing between the participle clause and its governor are returned (empty
    when ``verb`` has a subject of its own or is not in such a clause).
    """
    v = verb
    for _ in range(depth):
        if any(c.dep_ in SUBJ_DEPS or c.dep_ in PASS_DEPS for c in v.children):
            return ()
        if _trailing_participle(v):
            return _intervening_subjects(v)
        if v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:  # "having agreed to meet": up to "agreed"
            return ()
        v = v.head
    return ()


def _trailing_participle(verb: Token) -> bool:
    """A participle clause set off by a comma after the clause it hangs from ("…, having denied X",
    "…, killing five"); not one introduced by a conjunction ("while visiting")."""
    if verb.dep_ != "advcl" or verb.i < verb.head.i:
        return False
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children)
    if not (verb.tag_ == "VBG" or perfect) or any(c.dep_ == "mark" for c in verb.children):
        return False
    start = verb.left_edge.i
    return start > 0 and verb.doc[start - 1].text == ","


def _intervening_subjects(verb: Token) -> tuple[Token, ...]:
    """Subjects of the clauses between a participle clause and its governor, nearest first."""
    governor = verb.head
    span = range(governor.i + 1, verb.left_edge.i)
    found = [
        verb.doc[i]
        for i in span
        if verb.doc[i].dep_ in SUBJ_DEPS | PASS_DEPS
        and verb.doc[i].tag_ not in RELATIVE_TAGS
        and verb.doc[i].head.i in span
    ]
    return tuple(reversed(found))


def misparsed_main_verb(verb: Token) -> bool:
    """A sentence's main verb the parser took for a participle of its subject ("A Jordanian newspaper
    called on Arabs to ..." parsed as a noun phrase): the root is a noun and the verb, after it, has no
    passive agent."""
    return (
        verb.dep_ == "acl"
        and verb.i > verb.head.i
        and _root_noun(verb.head) is not None
        and agent_of(verb) is None
        and not any(c.dep_ == "auxpass" for c in verb.children)
    )


def _root_noun(tok: Token) -> Token | None:
    """The root noun of a sentence parsed as one noun phrase, when ``tok`` is it or inside its
    "of"/"from"/"in" phrases ("Nurses from two charities donated ..."); None otherwise."""
    for _ in range(4):
        if tok.dep_ == "ROOT":
            return tok if tok.pos_ in ("NOUN", "PROPN") else None
        if tok.dep_ not in ("pobj", "prep") or (tok.dep_ == "prep" and tok.lower_ not in cues().np_preps):
            return None
        tok = tok.head
    return None


def stated_goal(verb: Token) -> Token | None:
    """The goal noun of "the goal (of X) is to <verb>" / "part of the aim … is to <verb>", if any."""
    if verb.dep_ != "xcomp" or verb.head.lemma_ != "be" or not to_infinitive(verb):
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in ("part", "one"):
        subject = next((obj for _prep, obj in prep_objects(subject, ("of",))), subject)
    return subject if subject.lemma_.lower() in cues().goal_nouns else None


def _goal_holder(goal: Token) -> Token | None:
    """Whose goal it is: the possessor, or the "of"/"behind"/"for" phrase ("the aim of Lapid's visit")."""
    for child in goal.children:
        if child.dep_ == "poss" and child.tag_ not in RELATIVE_TAGS:
            return child
    return next((obj for _prep, obj in prep_objects(goal, ("of", "behind", "for"))), None)


def _noun_holder(noun: Token) -> Token | None:
    """Whose will, plan or right a noun is: its possessor or its "of"/"by" phrase ("Israel's decision",
    "the intent of the United States", "an attempt by rebels")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ not in RELATIVE_TAGS:
            return child
    for _prep, obj in prep_objects(noun, ("of", "by")):
        return obj
    return None


def _misparsed_subject(verb: Token) -> Token | None:
    """A sentence-initial name the parser took for a modifier ("USAID had announced ...")."""
    for child in verb.lefts:
        if child.dep_ in ("advmod", "npadvmod", "dep", "nmod", "meta") and (
            child.tag_ in ("NNP", "NNPS") or (child.text.isupper() and len(child.text) > 1)
        ):
            return child
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_DEPS or c.dep_ == "auxpass" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The ``by`` phrase head of a passive verb or participle."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def patient_of(verb: Token) -> Token | None:
    """The passive subject, or the noun a passive participle/relative clause modifies."""
    for child in verb.children:
        if child.dep_ in PASS_DEPS:
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def prep_objects(token: Token, preps: Iterable[str]) -> Iterator[tuple[str, Token]]:
    """(preposition, object head) for ``token``'s prepositional children among ``preps``."""
    wanted = set(preps)
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand


def to_infinitive(verb: Token) -> bool:
    """Whether ``verb`` is a "to" infinitive ("agreed to cooperate")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def verb_roles(verb: Token) -> Roles:
    """Source and target phrase heads of a verbal trigger."""
    targets: list[Token] = []
    how: list[Step] = []
    rivals: tuple[Token, ...] = ()
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main_verb(verb)
    passive = _is_passive(verb) or participle
    if passive and verb.lemma_.lower() in cues().stative_passives and agent_of(verb) is None:
        # "Vietnam is committed to opening up": a stance of the subject, not something done to it
        patient = patient_of(verb)
        actors = [patient] if patient is not None else []
        how.append(Step(Rule.STATIVE_PASSIVE))
    elif passive:
        agent = agent_of(verb)
        actors = [agent] if agent is not None else []
        patient = patient_of(verb)
        if patient is not None:
            targets.append(patient)
        how.append(Step(Rule.PASSIVE))
    else:
        subj = subject_of(verb)
        actors = [subj] if subj is not None else []
        direct = subj is not None and subj.head.i == verb.i
        how.append(Step(Rule.SUBJECT if direct else Rule.INHERITED_SUBJECT))
        if subj is not None and not direct:
            rivals = participle_rivals(verb)
    if verb.lemma_.lower() in cues().companion_verbs:
        return _companion_roles(verb, actors, targets, how, rivals)
    if verb.lemma_.lower() in cues().topic_verbs:
        targets.extend(discussion_partners(verb))
        how.append(Step(Rule.DISCUSSION))
        return Roles(tuple(actors), tuple(targets), tuple(how), rivals=rivals, partners_only=True)
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and child.tag_ not in RELATIVE_TAGS:
            targets.append(child)
    for _prep, obj in sorted(
        prep_objects(verb, cues().recipient_preps), key=lambda p: cues().recipient_preps.index(p[0])
    ):
        targets.append(obj)
    # "made a visit to Morocco", "imposed sanctions on Iran": the object noun's own prepositions.
    for child in verb.children:
        if child.dep_ == "dobj":
            for _prep, obj in prep_objects(child, cues().nominal_target_preps):
                targets.append(obj)
    # "helping the government reclaim control": the complement's subject is the one helped.
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and child.lemma_ not in cues().role("complement"):
            for grand in child.children:
                if grand.dep_ in SUBJ_DEPS and grand.tag_ not in RELATIVE_TAGS:
                    targets.append(grand)
                elif grand.dep_ == "dobj" and child.dep_ == "xcomp":
                    targets.append(grand)  # "helped modernize Syria's military"
    # "threatened to break relations with Russia": the complement's object and prepositions.
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            targets.extend(verb_roles(child).recipients)
    # "donated and shipped rice to North Korea": a verb with no object shares its conjunct's
    if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        conj = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if conj is not None and any(g.dep_ == "dobj" for g in conj.children):
            targets.extend(verb_roles(conj).recipients)
    if targets:
        how.append(Step(Rule.OBJECT))
    return Roles(tuple(actors), tuple(targets), tuple(how), rivals=rivals)


def _companion_roles(
    verb: Token, actors: list[Token], patients: list[Token], how: list[Step], rivals: tuple[Token, ...]
) -> Roles:
    """Roles of "accompany": the one accompanied is a co-actor, the destination ("to Moscow") the
    recipient. ``patients`` holds the passive subject ("Netanyahu will be accompanied by ...")."""
    companions = patients + [c for c in verb.children if c.dep_ == "dobj" and c.tag_ not in RELATIVE_TAGS]
    targets = [obj for _prep, obj in prep_objects(verb, ("to", "on", "for"))]
    how.append(Step(Rule.COMPANION))
    return Roles(tuple(actors), tuple(targets), tuple(how), rivals=rivals, companions=tuple(companions))


def discussion_partners(verb: Token) -> list[Token]:
    """Who a discussion is with: its "with" phrase (which the parser often hangs on the object: "discussed
    the war with Erdogan"), else the recipients of the act it is the purpose of ("will meet Putin to
    discuss Russia's role in Syria": Putin, not Russia or Syria)."""
    partners = [obj for _prep, obj in prep_objects(verb, ("with",))]
    for child in verb.children:
        if child.dep_ == "dobj":
            partners.extend(obj for _prep, obj in prep_objects(child, ("with",)))
    if not partners and verb.dep_ == "advcl" and to_infinitive(verb) and verb.head.pos_ in ("VERB", "AUX"):
        partners.extend(verb_roles(verb.head).recipients)
    return partners


def noun_roles(noun: Token) -> Roles:
    """Source and target phrase heads of a nominal trigger ("Lapid's visit to Moscow")."""
    actors: list[Token] = []
    targets: list[Token] = []
    how: list[Step] = []
    alleged = False
    between: list[Token] = []
    places: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors.append(child)
            how.append(Step(Rule.POSSESSIVE))
        elif child.dep_ in ("amod", "compound", "nmod"):
            actors.append(child)
        elif child.dep_ == "prep":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ == "by":
                actors.extend(objs)
                how.append(Step(Rule.BY_AGENT))
            elif child.lower_ == "between":
                between.extend(objs)
            elif child.lower_ in cues().noun_target_preps:
                targets.extend(objs)
            elif child.lower_ == "in":
                places.extend(objs)  # "attacks in Syria": a target only for hostile acts
        elif (
            child.dep_ in ("acl", "ccomp")
            and child.pos_ in ("VERB", "AUX")
            and child.lemma_ not in cues().attribution_verbs
        ):
            # "its demand that Israel ease restrictions": the one asked is the clause's subject
            targets.extend(g for g in child.children if g.dep_ in SUBJ_DEPS and g.tag_ not in RELATIVE_TAGS)
        elif child.dep_ == "acl" and child.lemma_ in cues().attribution_verbs:
            for _prep, obj in prep_objects(child, ("to", "on")):
                actors.append(obj)
                alleged = True
                how.append(Step(Rule.ATTRIBUTED, child.lemma_))
            agent = agent_of(child)
            if agent is not None:
                actors.append(agent)
    if between:
        how.append(Step(Rule.BETWEEN))
    if not any(a.dep_ in ("poss", "pobj") for a in actors):
        governor = light_governor(noun)
        if governor is not None:
            subj = subject_of(governor) if not _is_passive(governor) else agent_of(governor)
            if subj is not None:
                actors.append(subj)
                how.append(Step(Rule.LIGHT_VERB_SUBJECT, governor.text))
    return Roles(
        tuple(actors),
        tuple(targets),
        tuple(how) or (Step(Rule.NOUN_MODIFIERS),),
        alleged,
        tuple(between),
        tuple(places),
    )


def light_governor(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) the nominal event is: "made a visit", "after talks"."""
    tok = noun
    for _ in range(2):  # "began a new round of joint exercises", "announced $33 million in assistance"
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            tok = tok.head
        if tok.dep_ in ("dobj", "prep", "attr", "oprd", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head
        if tok.dep_ == "prep" and tok.head.pos_ in ("NOUN", "NUM", "SYM"):
            tok = tok.head
            continue
        return None
    return None


class MentionIndex:
    """Resolved mentions of one doc, looked up by token."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            if not m.country and not m.sector:
                continue  # unresolved; a sector alone ("gunmen", "police") is a generic actor
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                prev = self.by_token.get(tok.i)
                if prev is None or (prev.end - prev.start) < (m.end - m.start):
                    self.by_token[tok.i] = m

    def in_phrase(self, head: Token, limit: int = 40) -> list[Mention]:
        """Mentions within the noun phrase headed by ``head`` (with its conjuncts), in text order.

        Possessors ("his counterpart"), participle modifiers ("the Iran-backed group"), "of/from/in"
        phrases ("the sides of Cyprus") and an apposition's modifiers ("Pakistan, a U.S. ally") name
        other actors: they count only when the phrase has no mention of its own.
        """
        found: list[Mention] = []
        side: list[Mention] = []
        stack = [(head, False)]
        seen = 0
        while stack and seen < limit:
            tok, aside = stack.pop()
            seen += 1
            m = self.by_token.get(tok.i)
            if m is not None and m not in found and m not in side:
                (side if aside else found).append(m)
            for child in tok.children:
                if _in_noun_phrase(child, tok):
                    stack.append((child, aside or _is_side(child) or tok.dep_ == "appos"))
        chosen = found or side
        chosen.sort(key=lambda m: m.start)
        return pick_mentions(chosen)

    def in_sentence(self, sent: Span) -> list[Mention]:
        out: list[Mention] = []
        for tok in sent:
            m = self.by_token.get(tok.i)
            if m is not None and m not in out:
                out.append(m)
        return out


def _is_side(child: Token) -> bool:
    """A possessor, a participle modifier or a "from" phrase ("activists from Fatah") of a noun phrase."""
    if child.dep_ == "prep":
        return child.lower_ in ("from", "in", "of", "for")
    return child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.tag_ in ("VBN", "VBG"))


def _in_noun_phrase(child: Token, parent: Token) -> bool:
    """Whether ``child`` stays in ``parent``'s noun phrase ("the government of Syria" keeps "of Syria")."""
    if child.dep_ in NP_DEPS:
        return True
    if child.dep_ == "prep":
        return child.lower_ in ("of", "from", "in", "for")
    return child.dep_ == "pobj" and parent.dep_ == "prep"


def pick_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per actor: drop a mention when a more specific one of the same actor is there
    ("Russian" RUS beside "Vladimir Putin" RUSGOV), or a duplicate of the same name and code."""
    kept: list[Mention] = []
    for m in mentions:
        if any(_covers(k, m) for k in mentions if k is not m):
            continue
        if any(k.code == m.code and k.name == m.name and k.country == m.country for k in kept):
            continue
        kept.append(m)
    return kept


def _covers(k: Mention, m: Mention) -> bool:
    """Whether ``k`` is a more specific mention of ``m``'s actor."""
    if k.country != m.country:
        return False
    if k.code and m.code:
        return len(k.code) > len(m.code) and k.code.startswith(m.code)
    return bool(k.sector) and not m.sector
