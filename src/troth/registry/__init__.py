"""Use cases: one handler per command, a unit of work, and read queries."""
