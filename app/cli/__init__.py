"""The `sanad` command line: the desktop app's entry point and the commands for IT staff and
scripts, one module per command group (`branch`, `people`, `printing`, `sync`, `hq`).

`sanad` assembles the parser and dispatches; `context` (acting as a local account) and
`messages` (coded errors in English) are shared by the groups, which never import each other.
"""

from app.cli.sanad import main

__all__ = ["main"]
