"""Searching as people type: without accents or capitals ("ozturk" finds Öztürk,
"danielle" Daniëlle), and a resident also by date of birth, phone number or postcode.

Accents are folded by the database, with the same table on both: a function `sb_fold`
that PostgreSQL gets from a migration (0022) and SQLite from `register_fold()` on every
new connection. `fold()` is the same folding in Python, for what is typed; a test holds
the three to the same answers.
"""

import re
from datetime import date, datetime

from django.db.models import CharField, F, Func, Q, Value
from django.db.models.functions import Concat, Replace, Upper
from django.db.models.lookups import Contains

# The Latin letters with accents and their plain letter, then the letters that become two.
# Copied into the migration that makes PostgreSQL's sb_fold: change both together.
FOLD_FROM = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖ"
    "ėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮ"
    "ůŰűŲųŴŵŶŷŸŹźŻżŽžſȘșȚț"
)
FOLD_TO = (
    "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeee"
    "eeeeegggggggghhhhiiiiiiiiiijjkkkllllllllllnnnnnnnoooooorrrrrrssssssssttttuuuuuuu"
    "uuuuuwwyyyzzzzzzssstt"
)
FOLD_TWO = [
    ("Æ", "ae"),
    ("Þ", "th"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("þ", "th"),
    ("Ĳ", "ij"),
    ("ĳ", "ij"),
    ("Œ", "oe"),
    ("œ", "oe"),
]
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO) | {ord(a): b for a, b in FOLD_TWO}


def fold(text: str | None) -> str | None:
    """Without accents and in lower case, as the database's sb_fold does it."""
    return None if text is None else text.translate(_TABLE).lower()


class Fold(Func):
    """The database's sb_fold(): text without accents and in lower case."""

    function = "sb_fold"
    output_field = CharField()


def register_fold(sender, connection, **kwargs) -> None:
    """Give a new SQLite connection the sb_fold function PostgreSQL has from its migration."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("sb_fold", 1, fold, deterministic=True)


def folded_name():
    """A resident's whole name as a search by name reads it: without accents and in lower
    case. Resident.search_name, which the database keeps with every write."""
    return Fold(Concat(F("first_name"), Value(" "), F("infix"), Value(" "), F("last_name")))


def every_word_in(text: str, *fields: str) -> Q:
    """A search condition: each word of `text` occurs in at least one of `fields`,
    whatever the accents and capitals."""
    condition = Q()
    for word in text.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(Contains(Fold(F(field)), fold(word)))
        condition &= any_field
    return condition


DATE_FORMATS = ["%d-%m-%Y", "%d-%m-%y", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y"]
POSTCODE = re.compile(r"^(\d{4})\s?([a-zA-Z]{2})$")
NOT_DIGITS = re.compile(r"[\s\-()+./]")
# A Dutch number is ten digits; the last nine are the same with 0, 0031 or +31 in front.
PHONE_DIGITS = 9


def _as_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def _without(expression, characters: str):
    for character in characters:
        expression = Replace(expression, Value(character), Value(""))
    return expression


def resident_condition(text: str) -> Q:
    """What a search for residents finds: a date of birth, a postcode (or its four
    digits), a phone number (six digits or more, however written), or else every word
    in the name."""
    text = text.strip()
    if born := _as_date(text):
        return Q(date_of_birth=born)
    if match := POSTCODE.match(text):
        code = f"{match[1]}{match[2]}".upper()
        return Q(Contains(_without(Upper(F("postcode")), " "), code))
    digits = NOT_DIGITS.sub("", text)
    if digits.isdigit() and len(digits) == 4:
        return Q(postcode__startswith=digits)
    if digits.isdigit() and len(digits) >= 6:
        return Q(Contains(_without(F("phone"), " -()+./"), digits[-PHONE_DIGITS:]))
    condition = Q()
    for word in text.split():
        condition &= Q(search_name__contains=fold(word))
    return condition


def same_person(*, first_name, infix, last_name, date_of_birth, email, phone) -> Q:
    """Residents who may be this person: the same name and date of birth, or the same
    e-mail address, or the same phone number."""
    typed = fold(" ".join([first_name, infix, last_name]))
    condition = Q(date_of_birth=date_of_birth, search_name=typed)
    if email:
        condition |= Q(email__iexact=email)
    digits = NOT_DIGITS.sub("", phone or "")
    if len(digits) >= PHONE_DIGITS:
        condition |= Q(Contains(_without(F("phone"), " -()+./"), digits[-PHONE_DIGITS:]))
    return condition
