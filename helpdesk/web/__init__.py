"""The web channel: the chat API, the embeddable widget and its demo page (aiohttp)."""
