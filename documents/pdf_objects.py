"""Every dictionary and stream a PDF's catalog reaches, visited once each.

Both the active-content check and the metadata removal walk the file this way, so they see
the same objects: what a reader can reach from the catalog is exactly what pikepdf writes
back, since it rewrites the whole file from the catalog (earlier revisions and unreferenced
objects are not kept).
"""

import pikepdf

# Back-pointers to a parent the walk has already been through: following them costs time.
BACK_POINTERS = {"/Parent", "/P"}


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
        for key, value in obj.items():
            if key not in BACK_POINTERS and _is_container(value):
                pending.append(value)


def _is_container(obj):
    return isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)
