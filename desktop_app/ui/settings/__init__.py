"""The window's settings and the dialog that edits them."""
