// The timeline: a histogram of events per day, week or month, stacked by event type, with a brush
// that selects a period (the map and the list then show only the events inside it).
/* global d3 */

import { EVENT_COLORS } from "./evidence.js";
import { lang } from "./i18n.js";

const AR_LOCALE = {
  dateTime: "%A، %e %B %Y، %X",
  date: "%d/%m/%Y",
  time: "%H:%M:%S",
  periods: ["ص", "م"],
  days: ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"],
  shortDays: ["أحد", "إثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت"],
  months: ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"],
  shortMonths: ["ك٢", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "ت١", "ت٢", "ك١"],
};

/** "2018-11-27" as a UTC Date (event dates carry no time of day). */
export function parseDay(s) {
  if (!s) return null;
  const [y, m, d] = s.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function intervalFor(spanDays) {
  if (spanDays <= 120) return d3.utcDay;
  if (spanDays <= 3 * 365) return d3.utcWeek;
  return d3.utcMonth;
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = d3.select(svg);
    this.onBrush = onBrush;
    this.events = [];
    this.selection = null;
  }

  setEvents(events) {
    this.events = events.filter((e) => e.event_date);
    this.draw();
  }

  draw() {
    const node = this.svg.node();
    const width = Math.max(node.clientWidth || node.parentNode.clientWidth || 600, 200);
    const height = 120;
    const m = { top: 8, right: 16, bottom: 22, left: 30 };
    this.svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    this.svg.selectAll("*").remove();
    if (!this.events.length) return;

    const dates = this.events.map((e) => parseDay(e.event_date));
    let [lo, hi] = d3.extent(dates);
    const interval = intervalFor((hi - lo) / 864e5);
    // One empty bin of margin on each side (more when there are few), so edge bars are not cut.
    lo = interval.floor(lo);
    hi = interval.offset(interval.floor(hi), 1);
    const pad = interval.count(lo, hi) < 10 ? 3 : 1;
    lo = interval.offset(lo, -pad);
    hi = interval.offset(hi, pad);
    this.interval = interval;
    const x = d3.scaleUtc().domain([lo, hi]).range([m.left, width - m.right]);
    this.x = x;

    const types = Object.keys(EVENT_COLORS);
    const bins = new Map();
    for (const e of this.events) {
      const start = interval.floor(parseDay(e.event_date)).getTime();
      const bin = bins.get(start) ?? { start: new Date(start), counts: Object.fromEntries(types.map((t) => [t, 0])), total: 0 };
      const type = types.includes(e.event_type) ? e.event_type : types[types.length - 1];
      bin.counts[type] += 1;
      bin.total += 1;
      bins.set(start, bin);
    }
    const data = [...bins.values()].sort((a, b) => a.start - b.start);
    const y = d3.scaleLinear().domain([0, d3.max(data, (d) => d.total)]).nice().range([height - m.bottom, m.top]);

    const g = this.svg.append("g").attr("class", "bins");
    for (const bin of data) {
      const end = interval.offset(bin.start, 1);
      const bg = g
        .append("g")
        .attr("class", "bin")
        .attr("data-start", isoDay(bin.start))
        .attr("data-end", isoDay(end))
        .attr("data-count", bin.total);
      const x0 = x(bin.start);
      const w = Math.max(2, x(end) - x0 - 1);
      let acc = 0;
      for (const type of types) {
        const n = bin.counts[type];
        if (!n) continue;
        bg.append("rect")
          .attr("x", x0)
          .attr("width", w)
          .attr("y", y(acc + n))
          .attr("height", y(acc) - y(acc + n))
          .attr("fill", EVENT_COLORS[type]);
        acc += n;
      }
      bg.append("title").text(`${isoDay(bin.start)}: ${bin.total}`);
    }

    const locale = lang() === "ar" ? d3.timeFormatLocale(AR_LOCALE) : d3.timeFormatLocale({ ...AR_LOCALE, ...EN_LOCALE });
    const ticks = dayTicks(x, Math.max(2, Math.floor(width / 110)));
    const axis = d3.axisBottom(x).tickValues(ticks).tickFormat(uniqueFormat(locale, interval, ticks));
    this.svg.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${height - m.bottom})`).call(axis);
    this.svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(3).tickFormat(d3.format("d")));

    this.brush = d3
      .brushX()
      .extent([
        [m.left, m.top],
        [width - m.right, height - m.bottom],
      ])
      .on("end", (event) => this.brushed(event));
    this.brushG = this.svg.append("g").attr("class", "brush").call(this.brush);
    if (this.selection) this.brushG.call(this.brush.move, this.selection.map(x));
  }

  brushed(event) {
    if (!event.sourceEvent) return; // our own snapping move
    if (!event.selection) {
      this.selection = null;
      this.onBrush(null);
      return;
    }
    const [a, b] = event.selection.map(this.x.invert);
    const start = this.interval.round(a);
    let end = this.interval.round(b);
    if (end <= start) end = this.interval.offset(start, 1);
    this.selection = [start, end];
    this.brushG.call(this.brush.move, this.selection.map(this.x));
    // The period is [start, end): the last day inside it is the day before ``end``.
    this.onBrush([isoDay(start), isoDay(d3.utcDay.offset(end, -1))]);
  }

  clear() {
    this.selection = null;
    if (this.brushG) this.brushG.call(this.brush.move, null);
    this.onBrush(null);
  }
}

const EN_LOCALE = {
  dateTime: "%x, %X",
  date: "%-m/%-d/%Y",
  periods: ["AM", "PM"],
  days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

/** Ticks on whole days only (bins are days, weeks or months: a tick at noon would repeat its day's label). */
function dayTicks(x, count) {
  const ticks = x.ticks(count).filter((d) => +d3.utcDay.floor(d) === +d);
  if (ticks.length >= 2) return ticks;
  const [lo, hi] = x.domain();
  return d3.utcDay.every(Math.max(1, Math.ceil(d3.utcDay.count(lo, hi) / count))).range(lo, hi);
}

/**
 * The tick format for the bin size, such that no two ticks read the same: days and weeks as "5 Oct" with the
 * month alone on its first day and the year alone on New Year's day; months as "Oct" with the year alone in
 * January. Should two ticks still read the same (a span over several years: every October reads "Oct"), the
 * year is added to every tick, and as a last resort the ISO date, which is unique for distinct days.
 */
function uniqueFormat(locale, interval, ticks) {
  const day = locale.utcFormat("%e %b");
  const month = locale.utcFormat("%b");
  const year = locale.utcFormat("%Y");
  const nice =
    interval === d3.utcMonth
      ? (date) => (d3.utcYear(date) < date ? month : year)(date)
      : (date) => (d3.utcMonth(date) < date ? day : d3.utcYear(date) < date ? month : year)(date);
  const withYear =
    interval === d3.utcMonth || ticks.every((d) => +d3.utcMonth(d) === +d)
      ? (date) => (d3.utcYear(date) < date ? locale.utcFormat("%b %Y") : year)(date)
      : locale.utcFormat("%e %b %Y");
  const iso = d3.utcFormat("%Y-%m-%d");
  for (const format of [nice, withYear, iso]) {
    const labels = ticks.map((d) => format(d).trim());
    if (new Set(labels).size === labels.length) return (d) => format(d).trim();
  }
  return iso;
}
