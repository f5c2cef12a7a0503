"""The agent's own stress: the log, the 红转绿 exercise, their records and the weekly summary."""
