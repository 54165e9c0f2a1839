// The time slider: one step per month over the dataset's range, ticks where relations began or
// ended, an exact-day field, and a play button that steps through the months.

import { formatDay, isDate, monthIndex, sliderDate } from './dates.js';
import { h } from './dom.js';

export interface TimeSliderOptions {
  /** First and last dates of the dataset (the first and last change). */
  min: string;
  max: string;
  initial: string;
  /** Every date a relation began or ended, to mark the months where something changed. */
  changeDates: string[];
  /** Shows a date; resolves once it is drawn. */
  onDate(date: string): Promise<void>;
}

export interface TimeSliderElements {
  slider: HTMLInputElement;
  marks: HTMLElement;
  label: HTMLOutputElement;
  dateInput: HTMLInputElement;
  play: HTMLButtonElement;
}

const PLAY_PAUSE_MS = 650;
const DRAG_DEBOUNCE_MS = 120;

export class TimeSlider {
  private date: string;
  private readonly first: number;
  private readonly last: number;
  private playing = false;
  private playToken = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** The date last handed to `onDate`. */
  private drawn: string | null = null;

  constructor(
    private readonly el: TimeSliderElements,
    private readonly options: TimeSliderOptions,
  ) {
    this.first = monthIndex(options.min);
    this.last = monthIndex(options.max);
    this.date = options.initial;
    const { slider, dateInput, play } = el;
    slider.min = '0';
    slider.max = String(this.last - this.first);
    slider.step = '1';
    dateInput.min = options.min;
    dateInput.max = options.max;
    this.drawMarks();
    this.show(options.initial);

    slider.addEventListener('input', () => {
      const date = this.sliderValueDate();
      this.show(date);
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.go(date), DRAG_DEBOUNCE_MS);
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
  }

  current(): string {
    return this.date;
  }

  /** Shows a date as if the user had picked it. */
  go(date: string): Promise<void> {
    if (date === this.drawn) return Promise.resolve();
    this.show(date);
    this.drawn = date;
    return this.options.onDate(date);
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

  private sliderValueDate(): string {
    return sliderDate(this.first + Number(this.el.slider.value));
  }

  /** Moves the controls to a date without drawing it. */
  private show(date: string): void {
    this.date = date;
    this.el.slider.value = String(monthIndex(date) - this.first);
    this.el.slider.setAttribute('aria-valuetext', formatDay(date));
    this.el.label.value = formatDay(date);
    this.el.dateInput.value = date;
  }

  private drawMarks(): void {
    const span = Math.max(1, this.last - this.first);
    const counts = new Map<number, number>();
    for (const date of this.options.changeDates) {
      const index = monthIndex(date);
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const max = Math.max(1, ...counts.values());
    const ticks = [...counts].map(([index, count]) => {
      const height = 4 + Math.round(10 * (Math.log(1 + count) / Math.log(1 + max)));
      return h('span', {
        class: 'tick',
        style: `left:${(100 * (index - this.first)) / span}%;height:${height}px`,
        title: `${count} change${count === 1 ? '' : 's'}`,
      });
    });
    const years: HTMLElement[] = [];
    const firstYear = Math.ceil(this.first / 12);
    for (let year = firstYear; year * 12 <= this.last; year++) {
      years.push(h('span', { class: 'year', style: `left:${(100 * (year * 12 - this.first)) / span}%` }, String(year)));
    }
    this.el.marks.replaceChildren(...ticks, ...years);
  }
}
