"""Demo data of programme management."""


def load(stdout):
    pass
