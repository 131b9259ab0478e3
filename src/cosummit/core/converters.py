"""URL converters of the project's own."""


class RowIdConverter:
    """A row's number in an address: at most 18 digits, so it fits in a 64-bit integer.

    Django's `int` converter takes any number of digits; a number too large for
    the database's integers made SQLite raise an error (a 500) instead of
    finding no row (a 404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
