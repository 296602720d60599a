"""Demo content for knelpunten: loaded by `load_demo` (see kennisbank.demo.DEMO_LOADERS)."""


def load(stdout=None) -> None:
    return None
