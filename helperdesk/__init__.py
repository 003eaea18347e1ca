"""HelperDesk: the domain core (pure modules) and the entry points.

Pure modules here import no Qt, storage or network code; ``helperdesk.cli`` and
``helperdesk.__main__`` are the composition root.
"""

__version__ = "0.1.0"
