"""Sentiment of customer messages, scored once, at load, with VADER.

VADER (`vaderSentiment`: a 7,500-word lexicon with emoji, plus rules for negation, intensifiers,
"but", capitals and punctuation) scores English text from -1 to +1 (its compound score, four
decimals). It knows English only, so every message's language is identified first
(`py3langid`, restricted to the languages below): a message is scored when it is English, or
when it is a short reply (at most two words) with a word VADER knows ("ok", "thanks", an
emoji), which language identifiers cannot place. Every other message is stored unscored, with
its language: not scored 0, so it moves no average, and the marts report the share scored.

The scores are written by the loader into raw.message_sentiments in the same transaction as
the messages, so every warehouse (DuckDB, PostgreSQL, Spark) reads the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

import py3langid
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Candidate languages: the most common languages of customer service; a message in any other
# language is identified as its nearest candidate, which is not English unless it looks English.
LANGUAGES = "ar cs da de el en es fi fr he hi hu id it ja ko nl no pl pt ro ru sv th tr uk vi zh".split()
SHORT_REPLY_WORDS = 2
SCORED_LANGUAGE = "en"


@dataclass(frozen=True)
class Score:
    """One message's language and, when scored, its compound sentiment (-1..+1)."""

    language: str
    is_scored: bool
    sentiment_score: float | None


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    py3langid.set_languages(list(LANGUAGES))
    return SentimentIntensityAnalyzer()


def scorer_name() -> str:
    """What scored the messages, stored with each score."""
    return f"vaderSentiment {version('vaderSentiment')} + py3langid {version('py3langid')}"


def _knows_a_word(analyzer: SentimentIntensityAnalyzer, text: str) -> bool:
    words = [w.strip(".,!?;:'\"()").lower() for w in text.split()]
    return any(w in analyzer.lexicon or w in analyzer.emojis for w in words if w) or any(
        ch in analyzer.emojis for ch in text
    )


@lru_cache(maxsize=200_000)
def score(text: str) -> Score:
    """Language and sentiment of one message (cached: templated replies repeat)."""
    analyzer = _analyzer()
    language, _ = py3langid.classify(text)
    short = len(text.split()) <= SHORT_REPLY_WORDS
    if language != SCORED_LANGUAGE and short and _knows_a_word(analyzer, text):
        language = SCORED_LANGUAGE
    if language != SCORED_LANGUAGE:
        return Score(str(language), False, None)
    return Score(SCORED_LANGUAGE, True, float(analyzer.polarity_scores(text)["compound"]))
