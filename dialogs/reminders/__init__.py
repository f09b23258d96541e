"""Which reminders go out, when, and what they say."""
