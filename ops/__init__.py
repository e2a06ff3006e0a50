"""Operations tooling: starting, watching and stopping the assistant's server processes."""
