"""WHO: actor mentions in running text, normalised against the actor dictionary.

"Pakistani security forces responded to fire from Afghan Taliban fighters near Chaman" gives
Military Forces of Pakistan and Military Forces of Afghanistan (Taliban). Matching follows the
same rules as places (one shared matcher): longest spelling wins, acronyms only in capitals,
Chinese aliases inside running text. Which actor is the initiator and which the target is the
event stage's decision, from the sentence's grammar; this stage only names them.
"""

from __future__ import annotations

from ceasewatch.nlp.actors import ActorDictionary, get_actor_dictionary
from ceasewatch.nlp.spans import ActorSpan


def find_actors(text: str, *, dictionary: ActorDictionary | None = None) -> list[ActorSpan]:
    """Every actor mention in ``text``, in text order (non-overlapping, longest first)."""
    actors = dictionary or get_actor_dictionary()
    return [ActorSpan(h.start, h.end, h.surface, h.values[0]) for h in actors.find(text)]
