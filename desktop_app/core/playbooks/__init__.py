"""Reading and validating the playbook files trainers write (YAML)."""
