"""Our Arabic analysis as a Whoosh analyzer, so the Whoosh field indexes exactly search.analysis tokens."""

from __future__ import annotations

from whoosh.analysis import Composable, Token, Tokenizer

from search import analysis


class ArabicTokenizer(Tokenizer):
    def __call__(
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
        start_char=0, tokenize=True, mode="", **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for item in analysis.tokens(value):
            if item.stop and removestops:
                continue
            token.text = item.text
            token.stopped = item.stop
            token.boost = 1.0
            if keeporiginal:
                token.original = value[item.start : item.end]
            if positions:
                token.pos = start_pos + item.position
            if chars:
                token.startchar = start_char + item.start
                token.endchar = start_char + item.end
            yield token


def ArabicAnalyzer() -> Composable:  # noqa: N802 - Whoosh analyzers are named like classes
    return ArabicTokenizer()
