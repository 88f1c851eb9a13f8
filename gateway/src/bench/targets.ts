import type { Exact, Idle } from './measure';

/** One case's medians over the rounds. */
export interface Row {
  id: string;
  case: string;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'CPU ms/req': number;
  'SQL/req': number;
  errors: number;
}

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

interface Results {
  distributed: boolean;
  rows: Map<string, Row>;
  idle: Idle | null;
  /** One Customer360 request's statements, by case. */
  history: Record<string, Exact>;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

type Target = { applies: 'embedded' | 'distributed' | 'both'; judge: (r: Results) => Verdict | null };

/** A case's throughput of at least `minimum` a second, `unit` naming what it counts. */
function atLeast(applies: Target['applies'], id: string, target: string, minimum: number, unit: string): Target {
  return {
    applies,
    judge: ({ rows }) => {
      const row = rows.get(id);
      return row ? { target, measured: `${row['req/s']} ${unit}`, met: row['req/s'] >= minimum } : null;
    },
  };
}

/**
 * The targets, as ratios between cases of one run on one machine (absolute rates where
 * the target names one); a target whose cases did not run is left out.
 */
const TARGETS: Target[] = [
  {
    applies: 'both',
    judge: ({ distributed, rows }) => {
      const c360 = rows.get('customer360');
      const crm = rows.get('crmDirect');
      if (!c360 || !crm) return null;
      const limit = distributed ? 6 : 3;
      const ratio = crm['req/s'] / c360['req/s'];
      const cpu = c360['CPU ms/req'] / crm['CPU ms/req'];
      return {
        target: `Customer360 at most ${limit}x the direct CRM read (throughput)`,
        measured: `${fixed(ratio)}x the throughput, ${fixed(cpu)}x the CPU per request`,
        met: ratio <= limit,
      };
    },
  },
  atLeast('embedded', 'customer360', 'Customer360 at least 1,000 req/s', 1000, 'req/s'),
  {
    applies: 'both',
    judge: ({ rows }) => {
      const ours = rows.get('searchProducts');
      const hive = rows.get('searchProductsHive');
      if (!ours || !hive) return null;
      const ratio = ours['req/s'] / hive['req/s'];
      return {
        target: 'SearchProducts at least 2x the throughput of Hive Gateway',
        measured: `${fixed(ratio, 2)}x`,
        met: ratio >= 2,
      };
    },
  },
  atLeast('distributed', 'placeOrder', 'placeOrder at least 150 orders/s', 150, 'orders/s'),
  atLeast('both', 'reserveStock', 'reservations at least 1,000/s on distinct rows', 1000, 'reservations/s'),
  {
    applies: 'distributed',
    judge: ({ idle }) =>
      idle
        ? { target: 'idle system under 5% of one core', measured: `${fixed(idle.cpuPercent)}%`, met: idle.cpuPercent < 5 }
        : null,
  },
  {
    applies: 'both',
    judge: ({ history }) => {
      const five = history.customer360Orders5;
      const fifty = history.customer360Orders50;
      if (!five || !fifty) return null;
      return {
        target: 'Customer360 SQL statements constant from 5 to 50 orders',
        measured: `${five.total} vs ${fifty.total} for one request`,
        met: five.total === fifty.total,
      };
    },
  },
];

export function verdicts(results: Results): Verdict[] {
  return TARGETS.filter((t) => t.applies === 'both' || (t.applies === 'distributed') === results.distributed)
    .map((t) => t.judge(results))
    .filter((v): v is Verdict => !!v);
}
