// The time slider: one step per month, first over the period the data is dense in (with a button
// to span the whole range), ticks where relations began (above the line) and ended (below), an
// exact-day field, and a play button that steps through the months.

import { formatDay, formatMonth, isDate, monthIndex, monthStart, sliderDate } from './dates.js';
import { h } from './dom.js';

export interface TimeSliderOptions {
  /** First and last dates of the dataset (the first and last change). */
  min: string;
  max: string;
  /** The period the slider spans at first (see `densePeriod`). */
  dense: { from: string; to: string };
  initial: string;
  /** Every date a relation began or ended, to mark where the graph changes. */
  changes: { date: string; change: string }[];
  /**
   * Shows a date; resolves once it is drawn. `passing` is true for a month the slider passes
   * while being dragged: the date the user came from is the one before the drag.
   */
  onDate(date: string, passing: boolean): Promise<void>;
}

export interface TimeSliderElements {
  slider: HTMLInputElement;
  marks: HTMLElement;
  label: HTMLOutputElement;
  dateInput: HTMLInputElement;
  play: HTMLButtonElement;
  /** Switches between the dense period and the whole range. */
  span: HTMLButtonElement;
}

const PLAY_PAUSE_MS = 650;
const DRAG_DEBOUNCE_MS = 120;

/**
 * The shortest run of months holding at least `share` of the relations' starts (the earliest such
 * run on a tie): the period the data is about, whatever single early or late relation stretches
 * the range. From the first day of its first month to the slider's date of its last month.
 */
export function densePeriod(starts: string[], share = 0.8): { from: string; to: string } {
  const months = starts.map(monthIndex).sort((a, b) => a - b);
  if (months.length === 0) throw new Error('densePeriod needs at least one date');
  const need = Math.max(1, Math.ceil(share * months.length));
  let best = { first: months[0], last: months[months.length - 1] };
  for (let i = 0; i + need - 1 < months.length; i++) {
    const first = months[i];
    const last = months[i + need - 1];
    if (last - first < best.last - best.first) best = { first, last };
  }
  return { from: monthStart(best.first), to: sliderDate(best.last) };
}

export class TimeSlider {
  private date: string;
  private readonly range: { first: number; last: number };
  private readonly denseRange: { first: number; last: number };
  /** The months the slider spans now: the dense period or the whole range. */
  private first: number;
  private last: number;
  private playing = false;
  private playToken = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** The date last handed to `onDate`, and whether as passing by. */
  private drawn: string | null = null;
  private drawnPassing = false;

  constructor(
    private readonly el: TimeSliderElements,
    private readonly options: TimeSliderOptions,
  ) {
    this.range = { first: monthIndex(options.min), last: monthIndex(options.max) };
    this.denseRange = {
      first: Math.max(this.range.first, monthIndex(options.dense.from)),
      last: Math.min(this.range.last, monthIndex(options.dense.to)),
    };
    ({ first: this.first, last: this.last } = this.denseRange);
    this.date = options.initial;
    const { slider, dateInput, play, span } = el;
    slider.step = '1';
    dateInput.min = options.min;
    dateInput.max = options.max;
    this.setSpan(this.contains(options.initial) ? 'dense' : 'all');

    slider.addEventListener('input', () => {
      const date = this.sliderValueDate();
      this.show(date);
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.go(date, true), DRAG_DEBOUNCE_MS);
    });
    slider.addEventListener('change', () => {
      clearTimeout(this.debounce);
      void this.go(this.sliderValueDate());
    });
    dateInput.addEventListener('change', () => {
      const value = dateInput.value;
      if (!isDate(value)) return;
      const date = value < options.min ? options.min : value > options.max ? options.max : value;
      this.stop();
      void this.go(date);
    });
    play.addEventListener('click', () => (this.playing ? this.stop() : void this.play()));
    span.addEventListener('click', () => this.setSpan(this.spansAll() ? 'dense' : 'all'));
  }

  current(): string {
    return this.date;
  }

  /** Shows a date as if the user had picked it (widening the slider to the whole range if it must). */
  go(date: string, passing = false): Promise<void> {
    if (!this.contains(date)) this.setSpan('all');
    // A drag that ends on the month it last drew passing by still settles there.
    if (date === this.drawn && (passing || !this.drawnPassing)) return Promise.resolve();
    this.show(date);
    this.drawn = date;
    this.drawnPassing = passing;
    return this.options.onDate(date, passing);
  }

  /** Steps month by month to the end; from the last month it starts over from the first. */
  async play(): Promise<void> {
    const token = ++this.playToken;
    this.playing = true;
    this.el.play.textContent = '❚❚ Pause';
    this.el.play.setAttribute('aria-pressed', 'true');
    let index = monthIndex(this.date);
    if (index >= this.last) index = this.first - 1;
    while (this.playToken === token && index < this.last) {
      index += 1;
      await this.go(sliderDate(index)).catch(() => this.stop());
      if (this.playToken !== token) return;
      await new Promise((resolve) => setTimeout(resolve, PLAY_PAUSE_MS));
    }
    if (this.playToken === token) this.stop();
  }

  stop(): void {
    this.playToken += 1;
    this.playing = false;
    this.el.play.textContent = '▶ Play';
    this.el.play.setAttribute('aria-pressed', 'false');
  }

  private spansAll(): boolean {
    return this.first === this.range.first && this.last === this.range.last;
  }

  private contains(date: string): boolean {
    const index = monthIndex(date);
    return index >= this.first && index <= this.last;
  }

  private setSpan(span: 'dense' | 'all'): void {
    ({ first: this.first, last: this.last } = span === 'all' ? this.range : this.denseRange);
    const { slider, span: button } = this.el;
    slider.min = '0';
    slider.max = String(this.last - this.first);
    slider.dataset.first = monthStart(this.first);
    const all = this.spansAll();
    button.textContent = all ? 'Dense period' : 'All years';
    button.title = all
      ? `Span ${formatMonth(monthStart(this.denseRange.first))} – ${formatMonth(monthStart(this.denseRange.last))}, where most relations begin`
      : `Span the whole range, ${formatDay(this.options.min)} – ${formatDay(this.options.max)}`;
    button.setAttribute('aria-pressed', String(all));
    // The whole range is the dense period already: nothing to switch.
    button.hidden = this.denseRange.first === this.range.first && this.denseRange.last === this.range.last;
    this.drawMarks();
    this.show(this.contains(this.date) ? this.date : sliderDate(this.first));
  }

  private sliderValueDate(): string {
    return sliderDate(this.first + Number(this.el.slider.value));
  }

  /** Moves the controls to a date without drawing it. */
  private show(date: string): void {
    this.date = date;
    this.el.slider.value = String(Math.min(this.last, Math.max(this.first, monthIndex(date))) - this.first);
    this.el.slider.setAttribute('aria-valuetext', formatDay(date));
    this.el.label.value = formatDay(date);
    this.el.dateInput.value = date;
  }

  private drawMarks(): void {
    const span = Math.max(1, this.last - this.first);
    const counts = new Map<string, { index: number; change: string; count: number }>();
    for (const { date, change } of this.options.changes) {
      const index = monthIndex(date);
      if (index < this.first || index > this.last || (change !== 'BEGAN' && change !== 'ENDED')) continue;
      const key = `${index}|${change}`;
      const entry = counts.get(key) ?? { index, change, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    const max = Math.max(1, ...[...counts.values()].map((c) => c.count));
    const ticks = [...counts.values()].map(({ index, change, count }) => {
      const height = 3 + Math.round(8 * (Math.log(1 + count) / Math.log(1 + max)));
      const began = change === 'BEGAN';
      return h('span', {
        class: `tick ${began ? 'began' : 'ended'}`,
        'data-month': monthStart(index).slice(0, 7),
        'data-count': count,
        style: `left:${(100 * (index - this.first)) / span}%;height:${height}px`,
        title: `${formatMonth(monthStart(index))}: ${count} relation${count === 1 ? '' : 's'} ${began ? 'began' : 'ended'}`,
      });
    });
    const years: HTMLElement[] = [];
    for (let year = Math.ceil(this.first / 12); year * 12 <= this.last; year++) {
      years.push(h('span', { class: 'year', style: `left:${(100 * (year * 12 - this.first)) / span}%` }, String(year)));
    }
    this.el.marks.replaceChildren(...ticks, ...years);
  }
}
