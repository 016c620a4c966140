#!/usr/bin/env python3
"""Makes an exported notebook page draw its LossLab figures with no network.

Notebook outputs do not carry plotly.js (a figure loads it from the Jupyter server); an exported
page has no server, so it carries the library once, in its head. Running it twice changes nothing.

Usage: embed_plotly.py PAGE.html PLOTLY.min.js
"""
import sys

MARK = "<!-- plotly.js for LossLab's figures -->"


def embed(page_path, library_path):
    with open(page_path, encoding="utf-8") as page:
        html = page.read()
    if MARK in html:
        return
    if "</head>" not in html:
        sys.exit(f"{page_path} has no </head> to put plotly.js before")
    with open(library_path, encoding="utf-8") as library:
        script = library.read().replace("</script", "<\\/script")
    element = f'{MARK}\n<script type="text/javascript">{script}</script>\n'
    html = html.replace("</head>", element + "</head>", 1)
    with open(page_path, "w", encoding="utf-8") as page:
        page.write(html)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    embed(sys.argv[1], sys.argv[2])
