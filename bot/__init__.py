"""The aiohttp app and the chat platforms: Teams (Bot Framework) and the terminal."""
