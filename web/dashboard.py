"""The court's dashboard at /dashboard: what filers struggle with, behind its own admin token.

The figures come from `bot.dashboard` over the Rasa tracker store (the SQL tracker store of the
Rasa servers' endpoints file, or DASHBOARD_TRACKER_DB_URL: `settings`), for a period picked in a form (the last 30 days by default), and the web chat's answer ratings
(`bot.answer_ratings`, in the submissions database). Each table is shown with its
caption, most with bars drawn as inline SVG on the server (no script), and each is a CSV file
at /dashboard/<name>.csv.

The dashboard token (DASHBOARD_TOKEN, separate from the staff token; empty: the dashboard is off
and answers 404) is typed into a sign-in form, which starts a server-side session held in an
HttpOnly, SameSite=Strict, Secure `__Host-` cookie, as the staff console does; the CSV files
also take the token as a bearer header. Tokens are compared in constant time; wrong ones are
counted per client network with a doubling wait (`bot.staff_session.WrongTokenBackOff`).
"""

from __future__ import annotations

import asyncio
import csv
import io
import math
from datetime import date, datetime, timezone
from html import escape

import sqlalchemy as sa
from sanic import Blueprint, Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, html, redirect
from sanic.response import text as text_response

from bot.dashboard import Period, Table, tracker_tables
from bot.staff_session import MAX_AGE_S, StaffSessions, WrongTokenBackOff
from bot.submission_store import sqlite_file
from web.chat import rating_store
from web.pages import NO_STORE, Site, sign_in_page, site_page
from web.staff_console import set_session_cookie
from web.token_gate import Refusal, bearer_token, token_refusal

DASHBOARD_PATH = "/dashboard"
COOKIE_NAME = "__Host-mad_dashboard_session"
MAX_DAYS = 366
WRONG_TOKEN = "That dashboard token is not right. Please check it and try again."
BAR_HEIGHT = 22
LABEL_WIDTH = 300
BAR_WIDTH = 360
# Cells a spreadsheet would read as a formula get a leading apostrophe in the CSV files.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


DASHBOARD = Site(
    "Court dashboard",
    "What pro se filers struggle with in the e-filing registration assistant",
    "dashboard.css",
)


def too_many_tries(wait_s: float) -> str:
    """What is said while a network must wait before trying a dashboard token again."""
    return f"Too many wrong dashboard tokens. Please wait {math.ceil(wait_s / 60)} minutes, then try again."


def _refusal(request: Request, supplied: str) -> Refusal | None:
    """None when `supplied` is the dashboard token; else why not (401 or 429)."""
    ctx = request.app.ctx
    return token_refusal(
        request, supplied, ctx.dashboard_token, ctx.wrong_dashboard_tokens, WRONG_TOKEN, too_many_tries
    )


def _sessions(request: Request) -> StaffSessions:
    return request.app.ctx.dashboard_sessions


def _signed_in(request: Request) -> bool:
    return _sessions(request).is_valid(request.cookies.get(COOKIE_NAME))


def _sign_in_page(message: str = "", status: int = 401) -> HTTPResponse:
    return sign_in_page(DASHBOARD, "dashboard_sign_in.html", message, status)


def _off() -> HTTPResponse:
    return text_response("The dashboard is off: DASHBOARD_TOKEN is not set.", status=404)


def period_of(request: Request, today: date) -> tuple[Period, str]:
    """The period asked for in `from` and `to` (default: the last 30 days), and a message
    when what was asked for cannot be used (then the default is shown)."""
    default = Period.last_days(today)
    first, last = request.args.get("from"), request.args.get("to")
    if not first and not last:
        return default, ""
    try:
        period = Period(date.fromisoformat(first or ""), date.fromisoformat(last or ""))
    except ValueError:
        return default, "Please give both days as dates, like 2026-11-01. Showing the last 30 days."
    if not 0 <= (period.last - period.first).days < MAX_DAYS:
        return default, (
            f"The first day must come before the last, at most {MAX_DAYS} days apart. "
            "Showing the last 30 days."
        )
    return period, ""


def _read_tables(engine: sa.engine.Engine, url: str, period: Period) -> tuple[Table, ...]:
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return ()
    with engine.connect() as connection:
        return tracker_tables(connection, period)


async def tables_for(request: Request, period: Period) -> tuple[Table, ...]:
    """The dashboard's tables for `period` (the answer ratings last), read in worker threads."""
    ctx = request.app.ctx
    tracker = await asyncio.to_thread(_read_tables, ctx.dashboard_engine, ctx.dashboard_url, period)
    ratings = await asyncio.to_thread(rating_store(request.app).counts, period)
    return (*tracker, ratings)


def bars_svg(table: Table) -> str:
    """The table's chart column as horizontal bars, one per row, labelled by the first column."""
    assert table.chart is not None
    values = [int(row[table.chart]) for row in table.rows]
    top = max(values, default=0) or 1
    height = BAR_HEIGHT * len(values)
    width = LABEL_WIDTH + BAR_WIDTH + 60
    title = f"{table.caption}: {table.headers[table.chart].lower()}, as bars"
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="chart-{table.name}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title id="chart-{table.name}">{escape(title)}</title>',
    ]
    for number, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        y = number * BAR_HEIGHT
        bar = round(BAR_WIDTH * value / top)
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" font-size="13" '
            f'fill="#1b1b1b">{escape(str(row[0]))}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{BAR_HEIGHT - 6}" '
            'fill="#14284b"></rect>',
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 15}" font-size="13" '
            f'fill="#1b1b1b">{value}</text>',
        ]
    return "\n".join([*parts, "</svg>"])


def table_html(table: Table, period: Period) -> str:
    """One table's section: heading, chart, the table with its caption, its CSV link."""
    query = f"from={period.first.isoformat()}&amp;to={period.last.isoformat()}"
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in table.headers)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(str(row[0]))}</th>'
        + "".join(f"<td>{escape(str(cell))}</td>" for cell in row[1:])
        + "</tr>"
        for row in table.rows
    )
    empty = "" if table.rows else '<p class="hint">Nothing in this period.</p>'
    chart = bars_svg(table) if table.chart is not None and table.rows else ""
    return (
        f'<section class="dashboard-section" aria-labelledby="{table.name}-heading">'
        f'<h2 id="{table.name}-heading">{escape(table.caption)}</h2>{chart}{empty}'
        f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
        f'<p><a href="{DASHBOARD_PATH}/{table.name}.csv?{query}" download>'
        f"Download {escape(table.caption.lower())} (CSV)</a></p></section>"
    )


def _today() -> date:
    return datetime.now(timezone.utc).date()


async def dashboard_page(request: Request) -> HTTPResponse:
    """The dashboard when signed in; otherwise the sign-in form, with status 401."""
    if not request.app.ctx.dashboard_token:
        return _off()
    if not _signed_in(request):
        return _sign_in_page()
    period, message = period_of(request, _today())
    tables = await tables_for(request, period)
    sections = "\n".join(table_html(table, period) for table in tables)
    if not any(table.name == "conversations" for table in tables):
        sections = "<p>No conversations are stored yet.</p>\n" + sections
    page = site_page(
        DASHBOARD,
        "Dashboard",
        "dashboard.html",
        first=period.first.isoformat(),
        last=period.last.isoformat(),
        message=f'<p class="alert" role="alert">{escape(message)}</p>' if message else "",
        tables=sections,
    )
    return html(page, headers=NO_STORE)


def csv_text(table: Table) -> str:
    """The table as CSV: its headers, then its rows (no cell read as a formula)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(
            f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
            for cell in row
        )
    return out.getvalue()


async def dashboard_csv(request: Request, file_name: str) -> HTTPResponse:
    """One table as a CSV file: for a signed-in session or the dashboard token as a bearer."""
    if not request.app.ctx.dashboard_token:
        return _off()
    refusal = None if _signed_in(request) else _refusal(request, bearer_token(request))
    if refusal is not None:
        return text_response(
            refusal.message, status=refusal.status, headers={"WWW-Authenticate": "Bearer"}
        )
    name, _, extension = file_name.rpartition(".")
    period, message = period_of(request, _today())
    if message:
        return text_response(message, status=400)
    tables = await tables_for(request, period) if extension == "csv" else ()
    table = next((table for table in tables if table.name == name), None)
    if table is None:
        return text_response("The dashboard has no table of that name.", status=404)
    filename = f"{name}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return text_response(
        csv_text(table),
        content_type="text/csv; charset=utf-8",
        headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def sign_in(request: Request) -> HTTPResponse:
    """Checks the posted dashboard token; starts a session and goes to the dashboard."""
    if not request.app.ctx.dashboard_token:
        return _off()
    refusal = _refusal(request, request.form.get("token", "") if request.form else "")
    if refusal is not None:
        return _sign_in_page(refusal.message, refusal.status)
    response = redirect(DASHBOARD_PATH, status=303)
    set_session_cookie(response, _sessions(request).start(), MAX_AGE_S, COOKIE_NAME)
    return response


async def sign_out(request: Request) -> HTTPResponse:
    """Ends the session on the server and tells the browser to forget its cookie."""
    _sessions(request).end(request.cookies.get(COOKIE_NAME))
    response = redirect(DASHBOARD_PATH, status=303)
    set_session_cookie(response, "", 0, COOKIE_NAME)
    return response


def add_dashboard(app: Sanic, token: str, tracker_url: str) -> None:
    """Registers the dashboard on `app`: off (404, and no database opened) when `token` is empty."""
    app.ctx.dashboard_token = token.strip()
    app.ctx.dashboard_url = tracker_url
    app.ctx.dashboard_engine = (
        sa.create_engine(tracker_url, future=True, hide_parameters=True)
        if app.ctx.dashboard_token
        else None
    )
    app.ctx.dashboard_sessions = StaffSessions()
    app.ctx.wrong_dashboard_tokens = WrongTokenBackOff()
    blueprint = Blueprint("dashboard")
    blueprint.add_route(dashboard_page, DASHBOARD_PATH, methods=["GET"])
    blueprint.add_route(dashboard_csv, f"{DASHBOARD_PATH}/<file_name:str>", methods=["GET"])
    blueprint.add_route(sign_in, f"{DASHBOARD_PATH}/sign-in", methods=["POST"])
    blueprint.add_route(sign_out, f"{DASHBOARD_PATH}/sign-out", methods=["POST"])
    app.blueprint(blueprint)
