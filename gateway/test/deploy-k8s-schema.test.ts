import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateK8sObjects, type Model } from '../src/deploy-check/k8s-schema';

const ROOT = join(__dirname, '../..');

/**
 * deploy/k8s's objects, validated one by one. kubernetes-models ships ES modules
 * only, which jest's CommonJS cannot load: here a stand-in model per kind checks what the real
 * schema would (replicas an integer), and `pnpm check:deploy` runs the real schemas.
 */
describe('deploy checks: Kubernetes objects against their schemas', () => {
  // The manifests as written (pnpm check:deploy validates them as kubectl renders them).
  const k8s = join(ROOT, 'deploy/k8s');
  const rendered = readdirSync(k8s)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseAllDocuments(readFileSync(join(k8s, file), 'utf8')).map((doc) => doc.toJS() as Record<string, any>))
    .filter(Boolean);
  const loaded: string[] = [];
  const standIn = async (apiVersion: string, kind: string): Promise<Model | null> => {
    loaded.push(`${apiVersion} ${kind}`);
    if (apiVersion.includes('cnpg.io')) return null;
    return class {
      constructor(private readonly data: Record<string, any>) {}
      validate() {
        const replicas = this.data.spec?.replicas;
        if (replicas !== undefined && !Number.isInteger(replicas)) throw new Error('data/spec/replicas must be integer');
      }
    } as Model;
  };

  it('asks for the model of each rendered object by its apiVersion and kind', async () => {
    const findings = await validateK8sObjects(rendered, 'deploy/k8s', standIn);
    expect(findings.errors).toEqual([]);
    expect(findings.checked).toEqual([
      `deploy/k8s: ${rendered.length} of ${rendered.length} rendered objects valid against the Kubernetes API schemas`,
    ]);
    for (const kind of [
      'apps/v1 Deployment',
      'batch/v1 Job',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'policy/v1 PodDisruptionBudget',
    ]) {
      expect(loaded).toContain(kind);
    }
    expect(loaded).toEqual(
      expect.arrayContaining(['networking.k8s.io/v1 Ingress', 'networking.k8s.io/v1 NetworkPolicy', 'v1 Service']),
    );
  });

  it('names the object and the field of an invalid one, a kind without a schema, and one without a kind', async () => {
    const deployment = structuredClone(rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === 'crm')!);
    deployment.spec.replicas = '2';
    const custom = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'db' } };
    const { errors, checked } = await validateK8sObjects([deployment, custom, { metadata: { name: 'x' } }], 'k8s', standIn);
    expect(errors).toEqual([
      'k8s: Deployment/crm (apps/v1): spec/replicas must be integer',
      'k8s: Cluster/db: no schema for postgresql.cnpg.io/v1 Cluster (kubernetes-models)',
      'k8s: undefined/x: no apiVersion or kind',
    ]);
    expect(checked).toEqual(['k8s: 0 of 3 rendered objects valid against the Kubernetes API schemas']);
  });
});
