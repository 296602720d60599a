"""Demo content for leerloop: loaded by `load_demo` (see kennisbank.demo.DEMO_LOADERS)."""


def load(stdout=None) -> None:
    return None
