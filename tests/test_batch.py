"""Preparing many mails: worker processes, the caller taking over idle chunks, input order."""

from __future__ import annotations

from helperdesk.batch import CHUNK, Context, Preparer, prepare_safely
from helperdesk.model import Direction
from helperdesk.prepare import Prepared
from helperdesk.samples import bulk_mails


def _key(p: Prepared) -> object:
    return (p.message.subject, p.message.content_hash, p.message.raw, p.analysis.to_json())


def test_pool_results_equal_inline_results_in_input_order() -> None:
    mails = bulk_mails(CHUNK * 6 + 3, size=2000, seed=5)
    items = [(raw, Direction.IN, None) for raw in mails]
    context = Context(state="BY")
    expected = [_key(prepare_safely(*item, context)) for item in items]
    with Preparer(context, workers=1) as preparer:
        preparer.use_pool()
        # Asked for at once: the worker is still starting, so the caller takes
        # over every chunk it has not picked up; the order must not change.
        first = preparer.submit(items)()
        # Submitted ahead and collected later: the worker has done its share.
        pending = preparer.submit(items)
        second = pending()
    assert [_key(p) for p in first] == expected
    assert [_key(p) for p in second] == expected
