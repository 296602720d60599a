"""Demo content for a local Kennisbank (`make run` → `manage.py load_demo`): accounts for each
role and example content for every feature app. Never part of the runtime: installed by the
development and test settings only, and it sits at the top of the house beside `config`, so
it may import every feature app."""
