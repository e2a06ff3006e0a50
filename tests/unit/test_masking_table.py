"""A table of what filers type: each secret masked exactly as the chat channels store it, each
harmless look-alike (phones, ZIP codes, case numbers, dates of court orders, street numbers,
reference codes) left exactly as typed (bot/sensitive.py)."""

from __future__ import annotations

import pytest

from bot.answers import clean_phone
from bot.sensitive import contains_sensitive, mask_sensitive

# (what the filer typed, what is kept)
SECRETS: list[tuple[str, str]] = [
    # Passwords after a label: pw, pass, password:, symbols after the label.
    ('pw: hunter2', 'pw: [password removed]'),
    ('pw hunter2', 'pw [password removed]'),
    ('my pw is Kitty!99', 'my pw is [password removed]'),
    ('pass: hunter2', 'pass: [password removed]'),
    ('my pass is hunter2', 'my pass is [password removed]'),
    ('pass Tr0ub4dor', 'pass [password removed]'),
    ('password:hunter2', 'password:[password removed]'),
    ('Password: !Secret#1', 'Password: [password removed]'),
    ('password - $ecret99', 'password - [password removed]'),
    ('password -> abc', 'password -> [password removed]'),
    ('password => Hunter2', 'password => [password removed]'),
    ('password=@abc', 'password=[password removed]'),
    ('my password hunter2', 'my password [password removed]'),
    ('the password for pacer is Blue$ky7', 'the password for pacer is [password removed]'),
    ('my PACER password: #Winter2024', 'my PACER password: [password removed]'),
    ('passwd s3cret!', 'passwd [password removed]'),
    ('p/w: hunter2', 'p/w: [password removed]'),
    ('passcode 4455x', 'passcode [password removed]'),
    ('passphrase: correct-horse-9', 'passphrase: [password removed]'),
    ('pin 4321a', 'pin [password removed]'),
    # Login pairs typed without the word password (issue 10).
    ('jsmith / Secret#123', 'jsmith / [password removed]'),
    ('jsmith/Tr0ub4dor', 'jsmith/[password removed]'),
    ('user: jsmith pass Tr0ub4dor', 'user: jsmith pass [password removed]'),
    ('user: jsmith Tr0ub4dor', 'user: jsmith [password removed]'),
    ('login jsmith, Secret#123', 'login jsmith, [password removed]'),
    ('username jsmith and Hunter2!', 'username jsmith and [password removed]'),
    ('userid jsmith Secret#1', 'userid jsmith [password removed]'),
    ('login: jane.doe / hunter22', 'login: jane.doe / [password removed]'),
    ('my login is jsmith pw Qwerty123', 'my login is jsmith pw [password removed]'),
    # SSNs: bare nine digits, dotted, spaced, dashed.
    ('123456789', '[SSN removed]'),
    ('my ssn 123.45.6789', 'my ssn [SSN removed]'),
    ('123.45.6789', '[SSN removed]'),
    ('ssn: 123 45 6789', 'ssn: [SSN removed]'),
    ("it's 078-05-1120", "it's [SSN removed]"),
    ('social is 219099999', 'social is [SSN removed]'),
    ('here: 123456789.', 'here: [SSN removed].'),
    # Card numbers with dots or non-breaking spaces; security codes and expiry dates.
    ('4111.1111.1111.1111', '[card number removed]'),
    ('4111\xa01111\xa01111\xa01111', '[card number removed]'),
    ('4111\u202f1111\u202f1111\u202f1111', '[card number removed]'),
    ('card 4111.1111.1111.1111', 'card [card number removed]'),
    ('visa 4012888888881881', 'visa [card number removed]'),
    ('5555 5555 5555 4444', '[card number removed]'),
    ('cvv 123', 'cvv [card number removed]'),
    ('CVV2: 1234', 'CVV2: [card number removed]'),
    ('the security code is 987', 'the security code is [card number removed]'),
    ('cvc 321', 'cvc [card number removed]'),
    ('exp 04/27', 'exp [card number removed]'),
    ('expires 04/2027', 'expires [card number removed]'),
    ('expiration date: 4/27', 'expiration date: [card number removed]'),
    ('valid thru 12/26', 'valid thru [card number removed]'),
    ('card 4111 1111 1111 1111 exp 09/27 cvv 123', 'card [card number removed] exp [card number removed] cvv [card number removed]'),
    # Routing and bank numbers, with ABA.
    ('ABA 011000138', 'ABA [bank number removed]'),
    ('ABA# 011000138', 'ABA# [bank number removed]'),
    ('ABA routing number: 011000138', 'ABA routing number: [bank number removed]'),
    ('routing 011000138', 'routing [bank number removed]'),
    ('my account number is 6175550100', 'my account number is [bank number removed]'),
    ('account 6175550100', 'account [bank number removed]'),
    ('checking 000123456789', 'checking [bank number removed]'),
    # Birth dates: eight digits, year first, in words.
    ('born 01021980', 'born [date of birth removed]'),
    ('dob 1980/01/02', 'dob [date of birth removed]'),
    ('DOB: 1980.01.02', 'DOB: [date of birth removed]'),
    ('born January 2 1980', 'born [date of birth removed]'),
    ('my birthday is 2nd of Jan 1980', 'my birthday is [date of birth removed]'),
    ('born on the 2nd of January 1980', 'born on [date of birth removed]'),
    ('I was born on January 2nd, 1980', 'I was born on [date of birth removed]'),
    ('birthdate 01-02-1980', 'birthdate [date of birth removed]'),
    ('b-day: 1/2/80', 'b-day: [date of birth removed]'),
    ('date of birth: Jan. 2, 1980', 'date of birth: [date of birth removed]'),
]

LOOK_ALIKES: list[str] = [
    # Phones, also after "account" (they were masked as bank numbers, then refused as phones).
    '617-555-0100',
    '(617) 555-0100',
    '6175550100',
    '+1 617 555 0100',
    '617.555.0100',
    'my account is 617-555-0100',
    'the phone on my account is 6175550100',
    'account phone 617 555 0100',
    'account: 617.555.0100',
    'my account phone is (617) 555-0100',
    # ZIP codes and ZIP+4.
    '02110',
    '02110-1234',
    '02110 1234',
    'MA 021101234',
    'zip code 021101234',
    'my zip is 021101234',
    'Boston, MA, 021101234',
    'Boston, MA 02110-1234',
    # Case numbers, dates of court orders and filings.
    '1:24-cv-12345',
    '1:24-cv-12345-ADB',
    'case 24-cv-12345',
    'my case is 1:24-cv-12345 / ADB',
    'the order of March 3, 2024',
    'the order dated 3/4/2024',
    'filed on 2024/03/04',
    'hearing March 3rd, 2024',
    # Street numbers and boxes.
    '123 Main St',
    '4567 Washington Street, Apt 12',
    '1 Courthouse Way, Suite 2300',
    'PO Box 987654',
    # Reference codes, emails, web addresses, words around a slash.
    'MAD-7K3Q9X',
    'my reference is MAD-7K3Q9X',
    'Jane / MAD-7K3Q9X',
    'Doe / jane.doe@example.com',
    'jane.doe1980@example.com',
    'https://pacer.uscourts.gov/register/efile2',
    'www.mad.uscourts.gov/caseinfo/nextgen-pro-se-efiling.htm',
    'and/or',
    'yes / no',
    'CM/ECF',
    'his/her account',
    'Civil / Criminal',
    # Talk about passwords, logins, birthdays, cards and accounts, with no secret in it.
    'I forgot my password',
    'my password is not working',
    'pass the test',
    "I can't pass 2 exams",
    'my password expired',
    'password reset',
    "my login jane@example.com isn't working",
    'my user name is jsmith2024',
    'User ID JSmith2024',
    'the pin is ok',
    'I was born in Boston',
    'I was born in 1980',
    'born in January',
    "my son's birthday party is 3/4/2024",
    'the card was declined',
    'card number?',
    'my credit is bad',
    'exp date?',
    'account 12 is closed',
    'I have 2 accounts',
    'bank holiday 2024',
    'the fee is $402',
    'pay $405.00',
    # Money, times, forms, and nine digits no SSN can have.
    '$1,234.56',
    '10:30 am',
    'Chapter 7 / Chapter 13',
    'form AO 240',
    'I have 123456 dollars',
    '000000000',
    '987654321',
    '666123456',
    '123006789',
]


@pytest.mark.parametrize(("typed", "kept"), SECRETS)
def test_each_secret_is_masked(typed: str, kept: str) -> None:
    assert mask_sensitive(typed)[0] == kept
    assert contains_sensitive(typed)


@pytest.mark.parametrize(("typed", "kept"), SECRETS)
def test_masking_a_masked_text_again_changes_nothing(typed: str, kept: str) -> None:
    masked = mask_sensitive(typed)[0]
    assert mask_sensitive(masked) == (masked, [])


@pytest.mark.parametrize("typed", LOOK_ALIKES)
def test_each_look_alike_is_kept_as_typed(typed: str) -> None:
    assert mask_sensitive(typed) == (typed, [])


@pytest.mark.parametrize(
    "typed",
    [
        "my account is 617-555-0100",
        "the phone on my account is 6175550100",
        "account: 617.555.0100",
        "my account phone is (617) 555-0100",
    ],
)
def test_a_phone_after_account_is_still_a_phone_answer(typed: str) -> None:
    assert clean_phone(mask_sensitive(typed)[0]) == "617-555-0100"


def test_a_login_pair_keeps_the_name_and_drops_the_secret() -> None:
    masked, kinds = mask_sensitive("my pacer login: jsmith / Secret#123 thanks")
    assert masked == "my pacer login: jsmith / [password removed] thanks"
    assert kinds == ["password"]
