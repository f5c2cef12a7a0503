"""The agent's settings: one declarative table (schema) and a Qt-free store (store).

The table builds the settings dialog and decides what a valid value is; the CLI, a trainer's
presets and the window all read and write through the same store.
"""
