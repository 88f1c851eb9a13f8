/**
 * `pnpm check:deploy` (node gateway/dist/deploy-check/main.js, after pnpm build): deploy/ against
 * the code. The Dockerfile (dockerfile.ts), the compose file against the Compose schema and the
 * processes (compose.ts), the Kubernetes manifests rendered by `kubectl kustomize`, each object
 * against its API schema (k8s-schema.ts) and the processes (kubernetes.ts), and the Prometheus and
 * Grafana files against the metrics the code registers (observability.ts). Prints every problem;
 * exit status 1 when there is one. Without kubectl the Kubernetes part is skipped, and says so.
 */
import { join } from 'node:path';
import { checkCompose } from './compose';
import { checkDockerfile } from './dockerfile';
import { validateK8sObjects } from './k8s-schema';
import { checkKubernetes, K8S_DIR, renderKustomize } from './kubernetes';
import { checkObservability, type Findings } from './observability';

async function main(): Promise<void> {
  const started = Date.now();
  const root = join(__dirname, '..', '..', '..');
  const all: Findings[] = [checkDockerfile(root), await checkCompose(root)];
  const rendered = renderKustomize(join(root, K8S_DIR));
  if (typeof rendered === 'string') console.warn(`check-deploy: skipped: ${rendered}`);
  else all.push(checkKubernetes(rendered, root), await validateK8sObjects(rendered, K8S_DIR));
  all.push(await checkObservability(root));
  const errors = all.flatMap((findings) => findings.errors);
  for (const line of errors) console.error(`error: ${line}`);
  const summary = `${all.flatMap((findings) => findings.checked).join('; ')} (${Date.now() - started} ms)`;
  console.log(`check-deploy: ${errors.length ? `${errors.length} problems` : 'ok'}: ${summary}`);
  process.exitCode = errors.length ? 1 : 0;
}

void main();
