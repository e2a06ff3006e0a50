"""Rasa input channels for the court's public chat surfaces, and the Redis lock store of the
production profile (docs/production.md).

The Rasa server imports this package for its input channels; that also makes it check the
action server's replies with a validator built once (`channels.action_results`).
"""

from channels import action_results

action_results.install()
