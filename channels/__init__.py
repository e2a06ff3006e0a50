"""Rasa input channels for the court's public chat surfaces (REST and socket.io, credentials.yml).

Each masks secrets and checks size and rate before Rasa sees a message (`channels.guarded`); their
HTTP details are in `channels.http`. They need `rasa_extensions.install.install()` to have run.
"""
