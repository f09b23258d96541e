"""Reminders: the outbox policy, the claimer and the sender (built on the ``reminders`` table)."""
