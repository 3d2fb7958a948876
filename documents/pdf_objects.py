"""Every dictionary and stream a PDF's catalog reaches, visited once each.

Both the active-content check and the metadata removal walk the file this way, so they see
the same objects: what a reader can reach from the catalog is exactly what pikepdf writes
back, since it rewrites the whole file from the catalog (earlier revisions and unreferenced
objects are not kept).
"""

import pikepdf


def reachable_dictionaries(pdf):
    """Yield each dictionary (streams included) reachable from the catalog, once.

    The caller may delete keys of the dictionary it is given: the walk reads its children
    after the caller is done with it, so a deleted subtree is not visited."""
    seen = set()
    pending = [pdf.Root]
    while pending:
        obj = pending.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            pending.extend(item for item in obj if _is_container(item))
            continue
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        yield obj
        # Back-pointers (/Parent, /P) are followed too: an object reached only through one
        # would still be written, so it is checked like the rest.
        pending.extend(value for value in obj.values() if _is_container(value))


def _is_container(obj):
    return isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)
