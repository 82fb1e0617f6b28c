"""Storage: SQLAlchemy models, engine set-up, migrations and the repository the rest of kommunvakt calls."""
