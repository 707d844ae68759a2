"""Alembic environment: rasd runs migrations itself (``open_store``), on the connection it passes in."""

from alembic import context

from rasd.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
