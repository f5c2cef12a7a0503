"""The CLI's fixtures (`imported`: the sample playbooks as the bundled ones) for the hand-out tests."""

from tests.cli.conftest import imported  # noqa: F401
