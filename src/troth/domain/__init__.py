"""The society's rules in pure Python: no I/O, no database, no clock."""
