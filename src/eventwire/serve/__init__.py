"""The local dashboard, `eventwire serve`: a read-only web view of a store (docs/DASHBOARD.md).

`server.py` is the HTTP server (standard library only) and its JSON API, `data.py` the questions it asks the
store beyond query.py, `outlines.py` the country outlines for the map (Natural Earth, from a package), and
`static/` the pages: plain HTML, CSS and JavaScript, nothing fetched from the internet.
"""
