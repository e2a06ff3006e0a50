"""The page shell of the signed-in sites, the staff console and the court's dashboard
(web/pages/site_page.html): each site names itself, its tagline and its own stylesheet."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from string import Template

from sanic.response import HTTPResponse, html

from web.chat import PAGES_DIR

NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class Site:
    """What the shell shows of one site: its name, a line under it, its stylesheet in /static."""

    name: str
    tagline: str
    stylesheet: str


def _template(name: str) -> Template:
    return Template((PAGES_DIR / name).read_text(encoding="utf-8"))


def site_page(site: Site, title: str, main: str, **fields: str) -> str:
    """The shell around the template `main` (a file in web/pages), filled in with `fields`."""
    body = _template(main).substitute(**fields)
    return _template("site_page.html").substitute(
        site_name=site.name, tagline=site.tagline, stylesheet=site.stylesheet, title=title, main=body
    )


def sign_in_page(site: Site, form: str, message: str = "", status: int = 401) -> HTTPResponse:
    """The site's sign-in form (template `form`), with `message` as an alert when there is one."""
    alert = f'<p class="alert" role="alert">{escape(message)}</p>' if message else ""
    return html(site_page(site, "Sign in", form, message=alert), status=status, headers=NO_STORE)
