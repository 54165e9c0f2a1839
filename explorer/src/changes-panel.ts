// What began and ended between the previous day shown and this one (the `changes` query).

import { formatDay } from './dates.js';
import { fill, h } from './dom.js';
import type { Change } from './queries.js';
import { RELATION_KINDS, relationIcon } from './theme.js';

export function renderChanges(
  root: HTMLElement,
  changes: Change[],
  from: string,
  to: string,
  onRelation: (id: string) => void,
): void {
  const began = changes.filter((c) => c.change === 'BEGAN').length;
  const ended = changes.length - began;
  const span = from === to ? `On ${formatDay(from)}` : `From ${formatDay(from)} to ${formatDay(to)}`;
  fill(
    root,
    h(
      'p',
      { class: 'changes-summary' },
      `${span}: `,
      h('strong', { class: 'began' }, `${began} began`),
      ', ',
      h('strong', { class: 'ended' }, `${ended} ended`),
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
              { class: `change ${c.change.toLowerCase()}` },
              h('span', { class: 'change-date' }, formatDay(c.date)),
              h('span', { class: 'change-kind' }, c.change === 'BEGAN' ? 'began' : 'ended'),
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
