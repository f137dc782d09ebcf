"""The WeChat side: the push protocol, the API client and a local emulator of the API.

Imports nothing from the domain (only ``bot.config`` and ``bot.errors``): it speaks WeChat's
protocol and knows nothing of intents, complaints or broadcasts.
"""
