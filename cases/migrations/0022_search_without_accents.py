"""sb_fold(text) for PostgreSQL: the text without accents and in lower case, for searching
("ozturk" finds Öztürk). SQLite gets the same function from cases/search.py on every new
connection; the table is copied here so this migration does not change when that file does.
"""

from django.db import migrations

FROM = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎ"
    "ďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŌōŎŏŐőŔŕŖŗŘřŚśŜ"
    "ŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſȘșȚț"
)
TO = (
    "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccd"
    "dddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkkllllllllllnnnnnnnoooooorrrrrrsss"
    "sssssttttuuuuuuuuuuuuwwyyyzzzzzzssstt"
)
TWO = [
    ('Æ', 'ae'),
    ('Þ', 'th'),
    ('ß', 'ss'),
    ('æ', 'ae'),
    ('þ', 'th'),
    ('Ĳ', 'ij'),
    ('ĳ', 'ij'),
    ('Œ', 'oe'),
    ('œ', 'oe'),
]


def _body() -> str:
    def literal(text):
        return "'" + text.replace("'", "''") + "'"

    sql = f"translate($1, {literal(FROM)}, {literal(TO)})"
    for letter, letters in TWO:
        sql = f"replace({sql}, {literal(letter)}, {literal(letters)})"
    return f"lower({sql})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION sb_fold(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT {_body()} $$"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS sb_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("cases", "0021_planned_conversations_moved_or_cancelled")]

    operations = [migrations.RunPython(create, drop)]
