"""Stances: who is for or against what, read from verbal, adjectival and nominal frames.

For each word whose (lemma, part of speech) is a frame in stance_frames.jsonl:
  holders   the subject (through 'to'-infinitives, coordination and noun-phrase attachments),
            the agent of a passive, or the possessor of a nominal frame ("Russia's demand");
  content   the complement clause, infinitive, object or prepositional object; an anaphoric
            object ("rejected the demand", "backed the two bids") takes the content of the latest
            matching stance (anaphora.json), a pronoun object ("ratify them") its antecedent's;
            a frame under a frame ("agreed to support X") makes one stance on X;
  target    an actor object next to other content ("asked Trump for guarantees");
  polarity  from the kind, flipped by negation; 'whether'-clauses make it undecided;
  modality  conditional ("once a ceasefire …", "in the event of …"), hypothetical ("would"),
            reported (someone else's speech verb governs the clause);
  speaker   a person reporting for the state he represents is credited, with on_behalf_of set;
  attribution  the attribution (components/attributions/) whose content states it: its source is
            the speaker, and the holder of a stance its cue or source mention carries.
A clause with no frame word may carry a position by its modal or an evaluative predicate
("X said Britain should …", "X said the plan was a mistake"). Such a clause is a
stance of whoever is reported or quoted saying it, and its reading replaces that of a frame over it.
In the journalist's own voice, a 'will'/'would' clause with a policy verb and a named body as its
subject is that body's pledge ("The Lib Dems would abolish tuition fees").
Nominal frames under 'in' belong to the subject of the verb ("came out in support of"); a frame in a
relative clause is about the noun it modifies ("the tanks Kyiv requested"); 'against' as the
predicate of 'be' is a frame ("Britain is against …").

One module per step, in the order `component.StanceFinder` takes them:
  headlines      lines that state no stance (headlines, teasers, link lines)
  frames         which word is a frame
  frame_stance   the stances of one frame word, from
    holders        who holds it
    content        what it is about, and its target
    nesting        a frame under a frame
    polarity       polarity and modality
    proposition    the content as a label and a position key
    anaphora       what 'the demand' or 'them' points back to
    speaker        who reports it, and whom a person speaks for
  attributed     the doc's attributions as the resolver reads them; what an attribution makes of
                 a stance inside its content ('the US should …', 'he feared Putin …')
  cues           which clause carries a position without a frame word
  clause_stance  the stance of a reported clause, or in the journalist's voice (manifesto)
  tables         the data tables they all read, shaped once per initialize
"""

from .component import StanceFinder

__all__ = ["StanceFinder"]
