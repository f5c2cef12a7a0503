"""The 自检 tab: check the agent's own draft."""
