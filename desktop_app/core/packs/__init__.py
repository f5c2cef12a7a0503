"""Playbook packs a trainer hands out: YAML files, folders, Excel workbooks, CSV files and zips, read without trusting them."""
