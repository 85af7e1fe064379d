// Counters and histograms kept in this process, printed in the Prometheus text format at /metrics.
// Figures held by the database (receipts by status, queue depth) are read when scraped instead.

const defaultBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface Histogram {
  buckets: number[];
  counts: number[];
  sum: number;
  count: number;
}

export interface Metrics {
  count(name: string, help: string, labels?: Record<string, string>): void;
  observe(name: string, help: string, seconds: number): void;
  /** Every metric so far, plus `gauges`, as Prometheus text. */
  render(gauges?: Gauge[]): string;
}

export interface Gauge {
  name: string;
  help: string;
  values: { labels?: Record<string, string>; value: number }[];
}

function labelText(labels: Record<string, string> | undefined): string {
  if (!labels || Object.keys(labels).length === 0) return '';
  const pairs = Object.entries(labels).map(
    ([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${pairs.join(',')}}`;
}

export function createMetrics(): Metrics {
  const help = new Map<string, string>();
  const counters = new Map<string, Map<string, { labels?: Record<string, string>; value: number }>>();
  const histograms = new Map<string, Histogram>();

  return {
    count(name, text, labels) {
      help.set(name, text);
      const series = counters.get(name) ?? new Map();
      counters.set(name, series);
      const key = labelText(labels);
      const entry = series.get(key) ?? { labels, value: 0 };
      entry.value += 1;
      series.set(key, entry);
    },
    observe(name, text, seconds) {
      help.set(name, text);
      const histogram = histograms.get(name) ?? {
        buckets: defaultBuckets,
        counts: defaultBuckets.map(() => 0),
        sum: 0,
        count: 0,
      };
      histograms.set(name, histogram);
      histogram.buckets.forEach((bound, index) => {
        if (seconds <= bound) histogram.counts[index]! += 1;
      });
      histogram.sum += seconds;
      histogram.count += 1;
    },
    render(gauges = []) {
      const lines: string[] = [];
      for (const [name, series] of counters) {
        lines.push(`# HELP ${name} ${help.get(name)}`, `# TYPE ${name} counter`);
        for (const { labels, value } of series.values()) lines.push(`${name}${labelText(labels)} ${value}`);
      }
      for (const [name, histogram] of histograms) {
        lines.push(`# HELP ${name} ${help.get(name)}`, `# TYPE ${name} histogram`);
        histogram.buckets.forEach((bound, index) => {
          lines.push(`${name}_bucket{le="${bound}"} ${histogram.counts[index]}`);
        });
        lines.push(`${name}_bucket{le="+Inf"} ${histogram.count}`);
        lines.push(`${name}_sum ${histogram.sum.toFixed(6)}`, `${name}_count ${histogram.count}`);
      }
      for (const gauge of gauges) {
        lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
        for (const { labels, value } of gauge.values) lines.push(`${gauge.name}${labelText(labels)} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
