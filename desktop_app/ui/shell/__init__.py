"""The window's place on the desktop: docking, hotkey, tray, single instance, icon, start-up probe."""
