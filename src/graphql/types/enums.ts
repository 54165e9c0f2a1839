import { builder } from '../builder.js';

export const ActorKindEnum = builder.enumType('ActorKind', {
  description: 'What sort of actor a node is.',
  values: {
    STATE: { description: 'A state or its government acting as such (Russia, Turkey, the Syrian government).' },
    ARMED_GROUP: { description: 'A non-state armed group (HTS, Daesh, an FSA faction).' },
    MILITIA: { description: 'An irregular force fighting alongside a state (the Iranian-backed militias).' },
    COALITION: { description: 'An umbrella of groups or a joint operations room (the Free Syrian Army).' },
    POLITICAL_DELEGATION: { description: 'A delegation at talks (the unified opposition delegation at Geneva).' },
    INTERNATIONAL_ORGANIZATION: { description: "The UN, its envoy's office, the EU." },
    MONITOR: { description: 'A body that reports on the conflict (the Syrian Observatory for Human Rights).' },
    MEDIA: { description: 'A news outlet quoted as a source of claims.' },
    PERSON: { description: 'A named individual who acts in the reported events.' },
  } as const,
});

export const RelationKindEnum = builder.enumType('RelationKind', {
  description: 'What a relation says. FIGHTS and NEGOTIATES are mutual; SUPPORTS and MEMBER_OF go from `from` to `to`.',
  values: {
    FIGHTS: { description: 'Hostility or combat between the two actors (mutual).' },
    SUPPORTS: { description: '`from` backs `to`: military, air, political or material support (directed).' },
    NEGOTIATES: { description: 'Talks, mediation or an agreement between the two actors (mutual).' },
    MEMBER_OF: { description: '`from` belongs to, or leads within, the group or body `to` (directed).' },
  } as const,
});

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description:
    "How exactly the sources fix a relation's dates. MONTH and YEAR dates are stored as the " +
    'first (for `since`) or last (for `until`) day of that month or year.',
  values: {
    DAY: { description: 'The day is known.' },
    MONTH: { description: 'Only the month is known.' },
    YEAR: { description: 'Only the year is known.' },
  } as const,
});

export const DirectionEnum = builder.enumType('Direction', {
  description:
    'Which relations of an actor to follow. Mutual kinds (FIGHTS, NEGOTIATES) count as both OUTGOING and INCOMING.',
  values: {
    OUTGOING: { description: 'Relations from this actor (it supports, it is a member of).' },
    INCOMING: { description: 'Relations to this actor (it is supported, it has members).' },
    ANY: { description: 'Both.' },
  } as const,
});
