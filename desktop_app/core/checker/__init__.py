"""The draft checker (自检): the agent's own reply checked against 禁语 and must-avoid patterns."""
