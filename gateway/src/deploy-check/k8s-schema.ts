/**
 * Every object `kubectl kustomize deploy/k8s` renders, validated against the Kubernetes API's
 * OpenAPI schema of its apiVersion and kind, as the `kubernetes-models` package ships it (one
 * model class per kind, `validate()` with ajv): types (`replicas: "2"`), required fields, enums
 * and formats. Its schemas admit unknown fields, so a misspelt optional field passes here; the
 * project's own checks (kubernetes.ts) look for the fields that matter to us.
 * Run by pnpm check:deploy (main.ts) on what kubectl rendered; its reporting is tested by
 * gateway/test/deploy-k8s-schema.test.ts, the schemas themselves every time pnpm check:deploy runs.
 */
import type { Findings } from './observability';

interface KubernetesObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

export type Model = new (data: object) => { validate(): void };
export type ModelLoader = (apiVersion: string, kind: string) => Promise<Model | null>;

/** The model class of `apiVersion`/`kind`, or null when kubernetes-models has none (a custom resource). */
export async function kubernetesModel(apiVersion: string, kind: string): Promise<Model | null> {
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(apiVersion) || !/^\w+$/.test(kind)) return null;
  try {
    // ES modules only: kubernetes-models/<group>/<version>/<Kind> (core: v1/<Kind>).
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, Model>;
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

/**
 * Validates rendered objects; `where` names what was rendered (deploy/k8s). `load` finds a kind's
 * model (kubernetes-models is ES modules only, which jest cannot load: its tests pass their own).
 */
export async function validateK8sObjects(
  objects: unknown[],
  where: string,
  load: ModelLoader = kubernetesModel,
): Promise<Findings> {
  const findings: Findings = { errors: [], checked: [] };
  let valid = 0;
  for (const object of objects as KubernetesObject[]) {
    const { apiVersion, kind } = object;
    const name = `${String(kind)}/${String(object.metadata?.name)}`;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      findings.errors.push(`${where}: ${name}: no apiVersion or kind`);
      continue;
    }
    const Model = await load(apiVersion, kind);
    if (!Model) {
      findings.errors.push(`${where}: ${name}: no schema for ${apiVersion} ${kind} (kubernetes-models)`);
      continue;
    }
    try {
      new Model(object).validate();
      valid++;
    } catch (error) {
      // ajv's message: "data/spec/replicas must be integer, data/... ".
      const message = (error as Error).message.replace(/\bdata\//g, '');
      findings.errors.push(`${where}: ${name} (${apiVersion}): ${message}`);
    }
  }
  findings.checked.push(`${where}: ${valid} of ${objects.length} rendered objects valid against the Kubernetes API schemas`);
  return findings;
}
