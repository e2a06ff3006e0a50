"""Rasa input channels for the court's public chat surfaces."""
