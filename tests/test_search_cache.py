"""A repeated search is answered from the process's cache, until the index changes."""

import pytest

from archive.models import Paragraph
from search import engine
from tests.helpers import ingest_fixture as ingest

pytestmark = pytest.mark.django_db(transaction=True)


class Counting:
    def __init__(self, backend):
        self.backend, self.calls = backend, 0
        self.matches = backend.matches

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.matches(*args, **kwargs)


def test_the_same_search_twice_asks_the_engine_once(search_index, monkeypatch):
    ingest("raw/oic-cfm17-res18-s-quds.txt")
    counting = Counting(search_index.get_backend())
    monkeypatch.setattr(search_index.get_backend(), "matches", counting)
    first = engine.search("القدس الشريف")
    again = engine.search("القدس الشريف")
    assert counting.calls == 1 and again.outcome.ids == first.outcome.ids and first.outcome.count > 0
    engine.search("القدس الشريف", sort="newest")  # another order is another search
    assert counting.calls == 2


def test_an_edited_paragraph_is_found_by_its_new_words_at_once(search_index):
    document = ingest("raw/oic-cfm17-res18-s-quds.txt")
    assert engine.search("زنبقلورين").outcome.count == 0
    paragraph = Paragraph.objects.filter(document=document).first()
    paragraph.text += " زنبقلورين"
    paragraph.save()
    assert engine.search("زنبقلورين").outcome.ids == [paragraph.pk]
    paragraph.delete()
    assert engine.search("زنبقلورين").outcome.count == 0
