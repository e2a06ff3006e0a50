"""The court's web app (Sanic): the web chat's pages and files, the staff console, the staff look-up.

`python -m web.app` runs it. Its pages and static files are in `pages/` and `static/`; the pinned
npm packages it serves (socket.io client) and tests with (axe-core) are in `package.json`.
"""
