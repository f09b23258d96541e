"""What the bot understands and answers; knows nothing of chat platforms."""
