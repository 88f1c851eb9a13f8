import { READINESS_TIMEOUT_MS, withTimeout, type RunningService } from '@omni/platform';

/** Which subgraphs can serve now, by name. */
export type SubgraphReadiness = () => Promise<Record<string, boolean>>;

/** Distributed: each subgraph's own `GET /readyz` (database and bus), answered within 2 s. */
export function probeSubgraphs(endpoints: Map<string, string>): SubgraphReadiness {
  return async () => {
    const probes = [...endpoints].map(async ([name, url]) => {
      const ok = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) }).then(
        (response) => response.ok,
        () => false,
      );
      return [name, ok] as const;
    });
    return Object.fromEntries(await Promise.all(probes));
  };
}

/** Embedded: the services of this process, asked directly. */
export function inProcessSubgraphs(services: Map<string, RunningService>): SubgraphReadiness {
  return async () => {
    const checks = [...services].map(async ([name, service]) => {
      const { ready } = await withTimeout(service.readiness(), READINESS_TIMEOUT_MS).catch(() => ({ ready: false }));
      return [name, ready] as const;
    });
    return Object.fromEntries(await Promise.all(checks));
  };
}

/**
 * The gateway's `/readyz`. It answers only once its supergraph is loaded (the server listens
 * after Apollo started). Ready while at least one subgraph answers: a query plan that needs a
 * subgraph that is down fails only its fields, and taking every gateway replica out of rotation
 * because one subgraph is down would fail the queries that do not need it too. `strict`
 * (`/readyz?strict`) asks for all of them, for a deploy check or a smoke test.
 */
export function gatewayReadiness(subgraphs: Record<string, boolean>, strict: boolean): boolean {
  const states = Object.values(subgraphs);
  if (states.length === 0) return false;
  return strict ? states.every(Boolean) : states.some(Boolean);
}
