"""The 减压 tab: stress log, history chart and the guided 红转绿 exercise."""
