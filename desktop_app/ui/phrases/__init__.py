"""The 话术 tab: the customer's text, the reading, filters, results, checklists and the agent's own phrases."""
