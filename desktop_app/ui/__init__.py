"""The thin PySide6 layer: widgets that call the core and show what it returns, nothing more."""
