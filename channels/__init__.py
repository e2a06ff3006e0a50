"""Rasa input channels for the court's public chat surfaces, and the Redis lock store of the
production profile (docs/production.md).

Creating one of our input channels also makes the Rasa server check the action server's
replies with a validator built once (`channels.action_results`).
"""
