"""A case's township and village (属地管理): copies of its minor's, kept in step by the database.

The case listing of a township's staff filters and counts on the case's own township column
instead of joining every case to its minor (bench/protection_registry.py: at 100k cases the join
made page 1 2.5 times slower than at 1k). A copy is only safe if it can never go stale, and
minors change place on many write paths: the admin form, spreadsheet imports in bulk
(bulk_update sends no signal), information comparison moving cases to the record kept
(queryset.update), and whatever comes next. So the database keeps the copy with two triggers,
which no write path can skip:

- writing a case (insert, or a change of its minor) copies the minor's township and village;
- moving a minor to another township or village moves its cases with it.

Django has no trigger API and no library here does this on both SQLite and PostgreSQL, hence
the SQL below. The triggers are (re)installed after every `migrate` (apps.py): SQLite drops a
table's triggers whenever a migration rebuilds that table, and this way they come back.
sync_case_places() repairs by hand (the migration that added the columns used it)."""

from django.db import connection as default_connection

CASE, MINOR = "protection_case", "protection_minor"

# Literal SQL: the table names are fixed and nothing is interpolated.
SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS protection_case_places_insert
    AFTER INSERT ON protection_case BEGIN
        UPDATE protection_case SET
        township_id = (SELECT township_id FROM protection_minor WHERE id = NEW.minor_id),
        village_id = (SELECT village_id FROM protection_minor WHERE id = NEW.minor_id)
        WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS protection_case_places_update
    AFTER UPDATE OF minor_id, township_id, village_id ON protection_case BEGIN
        UPDATE protection_case SET
        township_id = (SELECT township_id FROM protection_minor WHERE id = NEW.minor_id),
        village_id = (SELECT village_id FROM protection_minor WHERE id = NEW.minor_id)
        WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS protection_minor_places
    AFTER UPDATE OF township_id, village_id ON protection_minor
    WHEN NEW.township_id IS NOT OLD.township_id OR NEW.village_id IS NOT OLD.village_id BEGIN
        UPDATE protection_case SET township_id = NEW.township_id, village_id = NEW.village_id
        WHERE minor_id = NEW.id;
    END""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION protection_case_places() RETURNS trigger AS $$
    BEGIN
        SELECT township_id, village_id INTO NEW.township_id, NEW.village_id
        FROM protection_minor WHERE id = NEW.minor_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER protection_case_places
    BEFORE INSERT OR UPDATE OF minor_id, township_id, village_id ON protection_case
    FOR EACH ROW EXECUTE FUNCTION protection_case_places()""",
    """CREATE OR REPLACE FUNCTION protection_minor_places() RETURNS trigger AS $$
    BEGIN
        IF NEW.township_id IS DISTINCT FROM OLD.township_id
           OR NEW.village_id IS DISTINCT FROM OLD.village_id THEN
            UPDATE protection_case SET township_id = NEW.township_id, village_id = NEW.village_id
            WHERE minor_id = NEW.id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER protection_minor_places
    AFTER UPDATE OF township_id, village_id ON protection_minor
    FOR EACH ROW EXECUTE FUNCTION protection_minor_places()""",
]


def install_triggers(connection=default_connection):
    """Create the triggers if the tables exist (idempotent). Returns whether it did."""
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor)
    if statements is None:
        raise NotImplementedError(f"No case-place triggers for {connection.vendor}.")
    tables = set(connection.introspection.table_names())
    if not {CASE, MINOR} <= tables:
        return False
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return True


def copy_places(cases, minor_model):
    """Set each case's township and village from its minor, in one UPDATE."""
    from django.db.models import OuterRef, Subquery

    minor = minor_model.objects.filter(pk=OuterRef("minor_id"))
    return cases.update(
        township_id=Subquery(minor.values("township_id")[:1]),
        village_id=Subquery(minor.values("village_id")[:1]),
    )


def sync_case_places(minor_ids=None):
    """Copy the minors' places onto their cases (all cases, or those of minor_ids): a repair,
    never needed on a normal write path. Returns the number of cases written."""
    from .models import Case, Minor

    if minor_ids is None:
        return copy_places(Case.objects.all(), Minor)
    ids = list(minor_ids)
    return sum(
        copy_places(Case.objects.filter(minor_id__in=ids[i : i + 500]), Minor)
        for i in range(0, len(ids), 500)
    )
