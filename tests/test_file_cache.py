"""The file cache (used without REDIS_URL) counts its entries once every COUNT_EVERY
writes instead of on each, and still keeps its size near MAX_ENTRIES."""

from hosting import file_cache
from hosting.file_cache import COUNT_EVERY, FileCache


def test_the_folder_is_counted_once_every_hundred_writes_and_still_culled(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    listings = []
    listed = FileCache._list_cache_files
    monkeypatch.setattr(
        FileCache, "_list_cache_files", lambda self: listings.append(1) or listed(self)
    )
    monkeypatch.setattr(file_cache, "_writes", iter(range(1, 10**6)))

    for number in range(3 * COUNT_EVERY):
        cache.set(f"key-{number}", "value")

    assert len(listings) == 3  # Django's would list the folder 300 times
    entries = len(list(tmp_path.glob("*.djcache")))
    assert entries <= 50 + COUNT_EVERY  # culled (300 written)
    assert entries > 0 and cache.get(f"key-{3 * COUNT_EVERY - 1}") == "value"
