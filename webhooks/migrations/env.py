"""Alembic environment: the engine comes from the caller (webhooks.migrate), never from a file."""

from __future__ import annotations

from alembic import context

from webhooks.schema import metadata

config = context.config


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("Run migrations with `signpost db upgrade`.")
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata(),
                          render_as_batch=connection.dialect.name == "sqlite",
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
