"""Reading minutes as councils write them, in small modules named for what they read."""
