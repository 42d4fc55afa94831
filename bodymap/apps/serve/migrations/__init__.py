"""The Alembic migrations of the clinic app's database (run by ``bodymap db upgrade``)."""
