"""Qt user interface: thin widgets over core."""
