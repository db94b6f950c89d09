"""The registry-wide duplicate scan: Splink (Fellegi–Sunter, DuckDB backend) over records
the registry reads out (troth.domain.linkage.LinkRecord). An engine: it sees no store."""
