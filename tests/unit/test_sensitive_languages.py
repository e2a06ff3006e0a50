"""Secrets labelled in Spanish or Portuguese are masked too (bot/sensitive.py), and Spanish form
answers are left alone."""

from __future__ import annotations

import pytest

from bot.sensitive import mask_sensitive


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("mi contraseña es Gato2024!", "mi contraseña es [password removed]"),
        ("contrasena: abc12345", "contrasena: [password removed]"),
        ("mi clave es perro99", "mi clave es [password removed]"),
        ("minha senha é Casa2020", "minha senha é [password removed]"),
        ("mi seguro social es 123456789", "mi seguro social es [SSN removed]"),
        ("nací el 05/03/1980", "nací el [date of birth removed]"),
        ("mi fecha de nacimiento es 05/03/1980", "mi fecha de nacimiento es [date of birth removed]"),
        ("data de nascimento 05/03/1980", "data de nascimento [date of birth removed]"),
        ("mi cuenta de banco es 123456789012", "mi cuenta de banco es [bank number removed]"),
        ("número de ruta 011000015", "número de ruta [bank number removed]"),
        ("mi tarjeta de crédito es 4111 1111 1111 1111", "mi tarjeta de crédito es [card number removed]"),
    ],
)
def test_a_secret_labelled_in_spanish_or_portuguese_is_masked(text, masked):
    assert mask_sensitive(text)[0] == masked


@pytest.mark.parametrize(
    "text",
    [
        "mi número de caso es 1:24-cv-10987",
        "mi teléfono es 617 555 0100",
        "mi código postal es 02110",
        "vivo en 12 Main St Apt 4",
        "mi correo es maria.lopez@example.com",
        "mi cuenta de PACER está actualizada",
    ],
)
def test_spanish_form_answers_are_left_alone(text):
    assert mask_sensitive(text)[0] == text
