"""``<id:pk>``: a row's key in an address, as Django's ``<int:pk>`` but at most 18 digits.

Every key fits (a 64-bit integer holds any 18-digit number); a longer number is no row's key, so
the address matches nothing and the visitor gets the "page not found" page. With ``<int:pk>`` such
a number reached the query, and SQLite refuses it with an OverflowError: a server error.
"""

from django.urls.converters import IntConverter


class RowIdConverter(IntConverter):
    regex = "[0-9]{1,18}"
