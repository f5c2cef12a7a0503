"""The `calmdesk` command line: one module per sub-command, registered in `main`."""
