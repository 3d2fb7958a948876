"""The file cache one machine's web server threads and commands share (when REDIS_URL is
unset): Django's, counting its entries less often.

Django's file cache lists its whole folder on every write to count the entries against
MAX_ENTRIES: with 5,000 entries that is thousands of file names per write, several writes
per rendered page (the page itself, the addresses it remembers), so pages that are new to
the cache, such as searches, paid milliseconds each for the count. Here a process counts
once every COUNT_EVERY writes: the folder may exceed MAX_ENTRIES by that many entries per
process before a cull, which removes a third of them as Django's does.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache

COUNT_EVERY = 100

_writes = itertools.count(1)  # every cache object of this process (one per thread) shares it


class FileCache(FileBasedCache):
    def _cull(self):
        if next(_writes) % COUNT_EVERY == 0:
            super()._cull()
