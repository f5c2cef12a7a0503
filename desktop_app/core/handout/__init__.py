"""What a trainer hands out: a bundle folder (app + pack + presets) and the presets it carries."""
