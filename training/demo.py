"""Demo data of the training app."""


def load(stdout):
    pass
