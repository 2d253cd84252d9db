"""What a referral shows its receiving department of the case: only the fields the sender ticked,
read live from the registry (nothing is copied into the referral, so nothing outlives it)."""

from .models import Referral

F = Referral.Shared


def shared_information(referral):
    """[(label, value)] in a fixed order, for the fields the referral shares."""
    case = referral.case
    minor = case.minor
    chosen = set(referral.shared_fields)
    rows = []
    if F.NAME in chosen:
        rows.append((F.NAME.label, minor.name))
    if F.AGE_SEX in chosen:
        rows.append((F.AGE_SEX.label, f"{minor.age} · {minor.get_sex_display()}"))
    if F.PLACE in chosen:
        rows.append((F.PLACE.label, f"{minor.township} {minor.village}"))
    if F.ADDRESS in chosen:
        rows.append((F.ADDRESS.label, minor.current_address or "-"))
    if F.SCHOOL in chosen:
        rows.append((F.SCHOOL.label, f"{minor.school} {minor.grade}".strip() or "-"))
    if F.HEALTH in chosen:
        health = "; ".join(v for v in [minor.health, minor.disability] if v)
        rows.append((F.HEALTH.label, health or "-"))
    if F.SITUATION in chosen:
        rows.append((F.SITUATION.label, case.summary))
    if F.GUARDIANS in chosen:
        guardians = [
            f"{g.get_relation_display()} {g.name} {g.phone or '-'}" for g in minor.guardians.all()
        ]
        rows.append((F.GUARDIANS.label, "\n".join(guardians) or "-"))
    if F.ID_NUMBER in chosen:
        rows.append((F.ID_NUMBER.label, minor.id_number or "-"))
    return rows
