"""Every table the app uses, in one metadata: for migrations and for preparing a database."""

from __future__ import annotations

from sqlalchemy import MetaData

import bot.dedupe
import bot.delivery
import bot.limits
import bot.store
import directory.db
import directory.keepers.models
import directory.models

MODEL_MODULES = (directory.models, directory.db, directory.keepers.models, bot.store,
                 bot.dedupe, bot.delivery, bot.limits)


def metadata() -> MetaData:
    return directory.models.Base.metadata
