"""`python -m generator` runs the `aup` command."""
from generator.cli import main

main(prog_name="aup")
