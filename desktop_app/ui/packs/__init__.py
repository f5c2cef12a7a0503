"""Playbook packs in the window: import with a preview (all or nothing), export as Excel or zip."""
