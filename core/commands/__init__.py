"""Command-line subcommands (plain Python; main.py dispatches to them)."""
