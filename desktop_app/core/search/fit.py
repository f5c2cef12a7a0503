"""Which phrases fit the agent: their channel (电话/柜台/在线) and their role (who may offer what).

One predicate for every path that shows phrases — search, the suggestions beside the customer's
reading, the browse list — so a line for the counter never shows on the phone and an offer a
team lead must make never shows to an agent. Settings: agent.channel ("" any | phone | counter |
chat) and agent.role (agent < lead < manager).
"""

from __future__ import annotations

from desktop_app.core.vocab import AUTHORITIES

# Roles in order of what they may offer: a lead may make every offer an agent may, and more.
ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(AUTHORITIES)}


def channel_fits(phrase_channel: str, agent_channel: str | None) -> bool:
    """An untagged phrase fits every channel; an agent with no channel set sees every phrase."""
    return not phrase_channel or not agent_channel or phrase_channel == agent_channel


def role_allows(authority: str, role: str | None) -> bool:
    """A phrase that offers nothing, or an agent with no role given (None), shows; else rank decides.

    An unknown authority is treated as the highest: hiding an offer is the safe side."""
    if not authority or role is None:
        return True
    return ROLE_RANK.get(role, -1) >= ROLE_RANK.get(authority, len(ROLE_RANK))


def fits(phrase_channel: str, authority: str, agent_channel: str | None = None, role: str | None = None) -> bool:
    return channel_fits(phrase_channel, agent_channel) and role_allows(authority, role)


def doc_fits(doc, agent_channel: str | None = None, role: str | None = None) -> bool:
    """`fits` for anything with `channel` and `authority` attributes (a search Doc, a PhraseSpec)."""
    return fits(getattr(doc, "channel", ""), getattr(doc, "authority", ""), agent_channel, role)
