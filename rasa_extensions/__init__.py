"""Every change this project makes to Rasa's own behaviour (chat channels aside), installed in one step.

`rasa_extensions.install.install()` is called once, before Rasa starts, by our entry point
`python -m rasa_extensions`
(`ops.stack` runs every Rasa server that way). It refuses any Rasa but `RASA_VERSION`, since
these patches rely on that version's internals, and logs each thing it installs:

- `action_results`: the action server's replies checked with a JSON Schema validator built once;
- `action_requests`: the action server called over kept connections, its JSON written by orjson;
- `api_errors`: a malformed JWT on the HTTP API gets 401, not 500;
- `model_loading`: the HTTP API (`PUT /model`, `POST /model/test/intents?model=`) loads only our
  own models, checked against their recorded hash, and only after its token check;
- `failed_turns`: a chat turn that sent the filer nothing is not saved by the tracker store;
- `sql_parameters`: the SQL tracker store keeps statement parameters out of errors and logs;
- `tracker_cache`: the SQL tracker store keeps each conversation's last saved tracker in memory
  and reads the database again only when another writer changed it;
- `training_cache`: training neither fingerprints nor caches the featurized NLU training data
  (a quarter of the training time, for a cache that saved little);
- `hidden_ids`: log lines of a chat turn or an HTTP API call name the conversation by a hash;
- `secret_messages`: a message the NLU reads as sharing a secret is kept without its text.

The NLU pipeline (config.yml) also names three components of ours: `count_vectors` (Rasa's
bag-of-words featurizer, featurizing all messages in one call), `intent_classifier` (a fast
logistic regression, stored as plain arrays) and `intent_guards` (a random word is never read as
"yes" or "no"; a message that only asks for a language is read as that request).

The Redis lock store of the production profile (`lock_store`) is named in
endpoints.production.yml, and Rasa loads it from there.
"""
