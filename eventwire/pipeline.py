"""The coding pipeline: clean Article → spaCy Doc → actor mentions → events.

``Pipeline`` holds the loaded resources (spaCy model, actor resolver, event
coder) so they are loaded once per process and passed explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.models import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language

    from eventwire.actors import ActorResolver
    from eventwire.coding import EventCoder


@dataclass
class Pipeline:
    nlp: Language
    resolver: ActorResolver
    coder: EventCoder
    batch_size: int = 32

    @classmethod
    def load(
        cls,
        *,
        actor_files: Iterable[Path] = (),
        agent_files: Iterable[Path] = (),
        verb_files: Iterable[Path] = (),
        user_files: Iterable[Path] = (),
    ) -> Pipeline:
        """Load the default model, knowledge base and verb patterns, plus any user dictionaries."""
        from eventwire.actors import ActorResolver, KnowledgeBase
        from eventwire.coding import EventCoder
        from eventwire.nlp import load_model

        kb = KnowledgeBase.load(
            user_files=list(user_files), actor_dicts=list(actor_files), agent_dicts=list(agent_files)
        )
        resolver = ActorResolver(kb)
        coder = EventCoder(resolver, verb_files=list(verb_files))
        return cls(nlp=load_model(), resolver=resolver, coder=coder)

    def code_article(self, article: Article) -> list[Event]:
        """Code one article."""
        return self.coder.code(self.nlp(article.text), article)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code a stream of articles, parsing them in batches with ``nlp.pipe``."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield article, self.coder.code(doc, article)

    def code_sentence(
        self, text: str, when: date | None = None, sentence_id: str | None = None
    ) -> list[Event]:
        """Code one sentence as a one-sentence article published on ``when``."""
        published = datetime(when.year, when.month, when.day) if when else None
        article = Article(
            id=sentence_id or Article.make_id(text),
            text=text,
            published=published,
            date_source="user" if when else None,
            language="en",
            paragraphs=[(0, len(text))],
            source=sentence_id or "<sentence>",
        )
        return self.code_article(article)
