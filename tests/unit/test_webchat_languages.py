"""The web chat in the filer's language: the picker's languages, the chat's own strings and the
summary card's layout with PACER's English labels beside the translation (web/chat.py)."""

from __future__ import annotations

import pytest

from bot import i18n
from bot.summary_card import card_layout, pacer_label


async def test_the_picker_lists_every_language_named_in_itself(client):
    async with client.get("/chat/languages") as response:
        assert response.status == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        body = await response.json()
    codes = [language["code"] for language in body["languages"]]
    assert codes == list(i18n.languages())
    names = {language["code"]: language["name"] for language in body["languages"]}
    assert names["en"] == "English"
    assert names["es"] == "Español"
    assert body["strings"]["es"]["Send"] == "Enviar"
    assert "en" not in body["strings"]


async def test_the_card_layout_in_spanish_keeps_pacers_labels(client):
    async with client.get("/chat/summary-fields", params={"lang": "es"}) as response:
        body = await response.json()
    assert body == card_layout("es")
    personal = body["sections"][1]
    assert personal["title"] == 'Formulario "E-File Registration" (sus datos personales)'
    assert personal["fields"][0] == {
        "key": "first_name",
        "label": '"First Name" (Nombre)',
        "values": {"": "déjelo en blanco"},
    }
    payment = body["sections"][2]["fields"][0]
    assert payment["values"]["credit_card"] == "Tarjeta de crédito"


@pytest.mark.parametrize("lang", ["", "fr", "en", "xx"])
async def test_any_other_lang_gets_the_english_layout(client, lang):
    async with client.get("/chat/summary-fields", params={"lang": lang}) as response:
        assert await response.json() == card_layout()


def test_a_pacer_label_is_quoted_beside_its_translation():
    assert pacer_label("Zip/Postal Code", "es") == '"Zip/Postal Code" (Código postal)'
    assert pacer_label("Zip/Postal Code", "en") == "Zip/Postal Code"
