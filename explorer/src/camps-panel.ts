// Camps through time (the Camps tab): the share of balanced triads and the frustration index month
// by month over the slider's dense period (`alignmentSeries`), as a small SVG chart, and who changed
// camp in which month, with the relations that moved them.

import { formatDay, formatMonth } from './dates.js';
import { fill, h } from './dom.js';
import type { Alignment } from './queries.js';
import { CAMP_COLORS, RELATION_KINDS, relationIcon } from './theme.js';

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

const WIDTH = 340;
const HEIGHT = 150;
const PAD = { left: 34, right: 34, top: 12, bottom: 22 };

/** The chart: balance share (left axis, 0–100 %) and frustration (right axis), one point per sample. */
function chart(series: Alignment[], shown: string | null): SVGElement {
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (series.length < 2 ? innerW / 2 : (i * innerW) / (series.length - 1));
  const maxFrustration = Math.max(1, ...series.map((s) => s.blocs.frustration));
  const yShare = (share: number) => PAD.top + innerH * (1 - share);
  const yFrustration = (f: number) => PAD.top + innerH * (1 - f / maxFrustration);
  const line = (points: [number, number][]) =>
    points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join('');
  const shares = series.flatMap((s, i): [number, number][] =>
    s.balance.balancedShare === null ? [] : [[x(i), yShare(s.balance.balancedShare)]],
  );
  const frustrations = series.map((s, i): [number, number] => [x(i), yFrustration(s.blocs.frustration)]);
  const shownIndex = shown ? series.findIndex((s) => s.at.slice(0, 7) === shown.slice(0, 7)) : -1;
  const years = series.flatMap((s, i) =>
    i === 0 || s.at.slice(5, 7) === '01'
      ? [svg('text', { x: x(i), y: HEIGHT - 6, 'text-anchor': 'middle', class: 'axis' }, s.at.slice(0, 4))]
      : [],
  );
  return svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      class: 'camps-chart',
      role: 'img',
      'aria-label': 'Share of balanced triads and frustration, month by month',
    },
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: yShare(0), y2: yShare(0), class: 'grid' }),
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: yShare(1), y2: yShare(1), class: 'grid' }),
    svg('text', { x: PAD.left - 4, y: yShare(1) + 4, 'text-anchor': 'end', class: 'axis share' }, '100%'),
    svg('text', { x: PAD.left - 4, y: yShare(0) + 4, 'text-anchor': 'end', class: 'axis share' }, '0%'),
    svg(
      'text',
      { x: WIDTH - PAD.right + 4, y: yFrustration(maxFrustration) + 4, class: 'axis frustration' },
      String(maxFrustration),
    ),
    svg('text', { x: WIDTH - PAD.right + 4, y: yFrustration(0) + 4, class: 'axis frustration' }, '0'),
    ...years,
    shownIndex >= 0
      ? svg('line', { x1: x(shownIndex), x2: x(shownIndex), y1: PAD.top, y2: PAD.top + innerH, class: 'shown' })
      : '',
    svg('path', { d: line(shares), class: 'line share' }),
    svg('path', { d: line(frustrations), class: 'line frustration' }),
    ...series.map((s, i) =>
      svg(
        'circle',
        {
          cx: x(i),
          cy: yFrustration(s.blocs.frustration),
          r: 3,
          class: `point frustration${s.defections.length ? ' defections' : ''}`,
          'data-at': s.at,
          tabindex: 0,
        },
        svg(
          'title',
          {},
          `${formatMonth(s.at)}: frustration ${s.blocs.frustration}, balanced ${
            s.balance.balancedShare === null ? '—' : `${Math.round(100 * s.balance.balancedShare)} %`
          }${s.defections.length ? `, ${s.defections.length} changed camp` : ''}`,
        ),
      ),
    ),
  );
}

export function renderCamps(
  root: HTMLElement,
  series: Alignment[],
  shown: string | null,
  onDate: (date: string) => void,
  onRelation: (id: string) => void,
): void {
  const figure = chart(series, shown);
  figure.querySelectorAll<SVGCircleElement>('circle.point').forEach((point) => {
    const go = () => onDate(point.getAttribute('data-at')!);
    point.addEventListener('click', go);
    point.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') go();
    });
  });
  const months = series.filter((s) => s.defections.length > 0);
  fill(
    root,
    h(
      'p',
      { class: 'muted camps-intro' },
      'Camps read from fights, support and membership (talks left out): the split that the fewest relations break. ',
      'Frustration counts the relations that break it; balance, the share of closed triads that are balanced.',
    ),
    h(
      'div',
      { class: 'camps-legend' },
      h('span', { class: 'key share' }, 'Balanced triads'),
      h('span', { class: 'key frustration' }, 'Frustration'),
    ),
    figure,
    h('h3', {}, 'Who changed camp'),
    months.length === 0
      ? h('p', { class: 'muted' }, 'No actor changed camp in this span.')
      : h(
          'ol',
          { class: 'defections' },
          months.map((s) =>
            h(
              'li',
              { class: 'defection-month', 'data-at': s.at },
              h('button', { type: 'button', class: 'link month', onclick: () => onDate(s.at) }, formatMonth(s.at)),
              h(
                'ul',
                {},
                s.defections.map((d) =>
                  h(
                    'li',
                    { class: 'defection', 'data-actor': d.actor.id },
                    h('strong', {}, d.actor.name),
                    ' ',
                    h('span', { class: 'camp-chip', style: `background:${CAMP_COLORS[d.fromCamp] ?? '#888'}` }),
                    ' → ',
                    h('span', { class: 'camp-chip', style: `background:${CAMP_COLORS[d.toCamp] ?? '#888'}` }),
                    d.relations.length
                      ? h(
                          'ul',
                          { class: 'defection-relations' },
                          d.relations.map((r) =>
                            h(
                              'li',
                              {},
                              h(
                                'button',
                                { type: 'button', class: 'link', onclick: () => onRelation(r.id) },
                                relationIcon(r.kind, 18),
                                `${r.from.name} ${RELATION_KINDS[r.kind].verb} ${r.to.name}`,
                              ),
                            ),
                          ),
                        )
                      : null,
                  ),
                ),
              ),
            ),
          ),
        ),
    h(
      'p',
      { class: 'muted' },
      series.length ? `${formatDay(series[0].at)} – ${formatDay(series.at(-1)!.at)}, monthly.` : '',
    ),
  );
}
