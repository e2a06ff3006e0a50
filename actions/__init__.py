"""Custom actions: thin adapters from rasa-sdk to the framework-free rules in `bot/`."""
