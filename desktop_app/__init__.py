"""CalmDesk (投诉应对助手): an offline assistant for agents who handle complaints.

`desktop_app.core` is the Qt-free core (library, search, analysis, templates, stress log,
playbooks); `desktop_app.ui` is the thin PySide6 layer over it.
"""

__version__ = "0.1.0"
