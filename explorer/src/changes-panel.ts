// What began and ended between the previous day shown and this one (the `changes` query), and, under
// the LAST_REPORTED reading, where a relation with no known end was last reported.

import { formatDay } from './dates.js';
import { fill, h } from './dom.js';
import type { Change, ChangeKind } from './queries.js';
import { RELATION_KINDS, relationIcon } from './theme.js';

const CHANGE_TEXT: Record<ChangeKind, string> = { BEGAN: 'began', ENDED: 'ended', LAST_REPORTED: 'last reported' };

export function renderChanges(
  root: HTMLElement,
  changes: Change[],
  from: string,
  to: string,
  onRelation: (id: string) => void,
): void {
  const count = (kind: ChangeKind) => changes.filter((c) => c.change === kind).length;
  const lastReported = count('LAST_REPORTED');
  const span = from === to ? `On ${formatDay(from)}` : `From ${formatDay(from)} to ${formatDay(to)}`;
  fill(
    root,
    h(
      'p',
      { class: 'changes-summary' },
      `${span}: `,
      h('strong', { class: 'began' }, `${count('BEGAN')} began`),
      ', ',
      h('strong', { class: 'ended' }, `${count('ENDED')} ended`),
      lastReported ? [', ', h('strong', { class: 'last-reported' }, `${lastReported} last reported`)] : null,
      '.',
    ),
    changes.length === 0
      ? h('p', { class: 'muted' }, 'Nothing began or ended in this span. Move the slider to compare two dates.')
      : h(
          'ol',
          { class: 'changes' },
          changes.map((c) =>
            h(
              'li',
              { class: `change ${c.change.toLowerCase().replace('_', '-')}` },
              h('span', { class: 'change-date' }, formatDay(c.date)),
              h('span', { class: 'change-kind' }, CHANGE_TEXT[c.change]),
              h(
                'button',
                { type: 'button', class: 'link change-relation', onclick: () => onRelation(c.relation.id) },
                relationIcon(c.relation.kind, 22),
                `${c.relation.from.name} ${RELATION_KINDS[c.relation.kind].verb} ${c.relation.to.name}`,
              ),
            ),
          ),
        ),
  );
}
