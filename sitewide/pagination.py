"""Page numbers read from a URL (`?page=2`), with bounds.

`int()` alone is not enough: it reads "١٢" and "1_000", and a number past 2^63 overflows
the database's OFFSET (SQLite: "datatype mismatch", PostgreSQL: "bigint out of range").
"""

# More pages than any list on this site will have, small enough that OFFSET never
# overflows: a larger number reads as this one, which is past the end (the last page).
MAX_PAGE_NUMBER = 1_000_000


def page_number(value):
    """The page asked for, from 1 to MAX_PAGE_NUMBER; None when `value` is missing or not a
    page number (abc, 0, -1, 1.5, digits of another script)."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    digits = value.lstrip("0")
    if not digits:
        return None
    if len(digits) > len(str(MAX_PAGE_NUMBER)):
        return MAX_PAGE_NUMBER
    return min(int(digits), MAX_PAGE_NUMBER)
