"""The demo loaders in the order `load_demo` runs them.

Each loader is idempotent (it updates what exists instead of adding a second copy) and marks
its pages as example content, so a demo lesson is never mistaken for a real one. Order
matters: accounts first (content names its owners), kennisdagen before lessons (lessons link
to the day they were harvested), lessons before what cites them.
"""

from demo import accounts, dossiers, follow, kennisdagen, knelpunten, leerloop, lessons

LOADERS = [
    accounts.load,
    kennisdagen.load,
    lessons.load,
    dossiers.load,
    knelpunten.load,
    leerloop.load,
    follow.load,
]


def load_all(stdout=None) -> None:
    for loader in LOADERS:
        if stdout:
            stdout.write(f"  {loader.__module__}")
        loader(stdout=stdout)
