import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose, COMPOSE_FILE, interpolate } from '../src/deploy-check/compose';
import { checkDockerfile, DOCKERFILE, workspacePackages } from '../src/deploy-check/dockerfile';
import { checkEnvironment, type Env } from '../src/deploy-check/environment';
import { checkKubernetes, K8S_DIR, renderKustomize, type K8sObject } from '../src/deploy-check/kubernetes';

const ROOT = join(__dirname, '../..');
const SECRET = 'x'.repeat(32);

/** What a change adds to the findings of the repository's files (whatever else is in flight there). */
const added = (before: string[], after: string[]) => after.filter((line) => !before.includes(line));

/**
 * The deploy checks (pnpm check:deploy, gateway/src/deploy-check) on the repository's files with
 * one mistake each, and on environments made up here. kubectl renders deploy/k8s where installed.
 */
describe('deploy checks: the processes against deploy/', () => {
  describe('a process environment', () => {
    const hosts: Record<string, number> = { crm: 4001, inventory: 4003 };
    const resolve = (host: string, port: number) => (hosts[host] === port ? (host as 'crm' | 'inventory') : null);
    const crm: Env = {
      PORT: '4001',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/omni',
      NATS_URL: 'nats://nats:4222',
      NATS_USER: 'crm',
      NATS_PASSWORD: 'p',
      SUBGRAPH_SECRET: SECRET,
      EVENT_SECRET: SECRET,
      INVENTORY_URL: 'http://inventory:4003/graphql',
    };

    it('passes a subgraph that would start distributed and reach its peers', () => {
      expect(checkEnvironment('crm', crm, 'here', resolve)).toEqual([]);
    });

    it("names what the process's own settings readers refuse", () => {
      const { EVENT_SECRET: _, ...noEventSecret } = crm;
      expect(checkEnvironment('crm', noEventSecret, 'here', resolve)).toEqual([
        expect.stringMatching(/^here: EVENT_SECRET is required/),
      ]);
      expect(checkEnvironment('crm', { ...crm, NATS_PASSWORD: undefined }, 'here', resolve)).toEqual([
        'here: NATS_PASSWORD is required for the NATS user crm',
      ]);
      expect(checkEnvironment('crm', { ...crm, SMTP_URL: 'http://mail' }, 'here', resolve)[0]).toMatch(
        /^here: SMTP_URL has an invalid value/,
      );
      expect(
        checkEnvironment(
          'loyalty',
          { ...crm, PORT: '4005', NATS_USER: 'loyalty', CRM_URL: 'http://crm:4001/graphql' },
          'l',
          resolve,
        ),
      ).toEqual([expect.stringMatching(/^l: GIFT_CARD_SECRET is required/)]);
    });

    it('wants the port of SUBGRAPH_PROCESSES, every interface, PostgreSQL, NATS as its own user, and peer URLs that reach the peer', () => {
      const wrong = {
        ...crm,
        PORT: '4002',
        HOST: '127.0.0.1',
        DATABASE_URL: undefined,
        NATS_USER: 'orders',
        INVENTORY_URL: 'http://crm:4001/graphql',
      };
      expect(checkEnvironment('crm', wrong, 'here', resolve)).toEqual([
        "here: PORT is 4002, not 4001 (the image's HEALTHCHECK reads PORT)",
        'here: HOST is 127.0.0.1: in a container it must be 0.0.0.0',
        'here: DATABASE_URL is not set: crm would use an embedded SQLite file',
        'here: NATS_USER is orders, not crm (its user in deploy/nats.conf)',
        "here: INVENTORY_URL=http://crm:4001/graphql does not reach inventory's /graphql on port 4003",
      ]);
    });

    it('wants every subgraph URL and the keys of the distributed mode on the gateway', () => {
      expect(checkEnvironment('gateway', { PORT: '4000', HOST: '0.0.0.0' }, 'g', resolve)[0]).toMatch(/^g: CRM_URL /);
    });
  });

  describe(COMPOSE_FILE, () => {
    const source = readFileSync(join(ROOT, COMPOSE_FILE), 'utf8');
    const edited = async (from: string, to: string) => {
      expect(source).toContain(from);
      return added((await checkCompose(ROOT, source)).errors, (await checkCompose(ROOT, source.replace(from, to))).errors);
    };

    it('validates against the Compose specification (dclint) and finds every process', async () => {
      const { errors, checked } = await checkCompose(ROOT);
      expect(errors.filter((line) => /\((invalid-\w+|no-[\w-]+|require-[\w-]+)\)$|no service runs/.test(line))).toEqual([]);
      expect(checked).toEqual([`${COMPOSE_FILE}: the Compose schema and 6 processes`]);
    });

    it("interpolates with the file's defaults", () => {
      expect(interpolate({ a: ['${X:-one}', '${Y-two}', '${Z}', '$$HOME'] })).toEqual({ a: ['one', 'two', '', '$HOME'] });
    });

    it('finds a peer URL on the wrong port, a missing readiness check, a missing dependency, a NATS password of another user', async () => {
      expect(
        await edited(
          '      CRM_URL: http://crm:4001/graphql\n      GIFT_CARD_SECRET',
          '      CRM_URL: http://crm:4002/graphql\n      GIFT_CARD_SECRET',
        ),
      ).toEqual([
        "deploy/docker-compose.yml: loyalty: CRM_URL=http://crm:4002/graphql does not reach crm's /graphql on port 4001",
      ]);
      expect(await edited('    healthcheck: *readyz\n\n  catalog:', '\n  catalog:')).toEqual([
        'deploy/docker-compose.yml: crm: the healthcheck does not ask /readyz',
      ]);
      expect(
        await edited(
          '      <<: *backing-services\n      crm:\n        condition: service_healthy\n    healthcheck',
          '      <<: *backing-services\n    healthcheck',
        ),
      ).toEqual(['deploy/docker-compose.yml: loyalty: does not depend on its peer crm']);
      expect(await edited('NATS_PASSWORD: ${CATALOG_NATS_PASSWORD', 'NATS_PASSWORD: ${CRM_NATS_PASSWORD')).toEqual([
        'deploy/docker-compose.yml: catalog: NATS_PASSWORD is not the CATALOG_NATS_PASSWORD the NATS service is given',
      ]);
    });
  });

  describe(DOCKERFILE, () => {
    const source = readFileSync(join(ROOT, DOCKERFILE), 'utf8');

    it('knows the workspace packages from pnpm-workspace.yaml', () => {
      expect(workspacePackages(ROOT)).toEqual(
        expect.arrayContaining(['gateway', 'services/platform', 'services/crm', 'examples/typed-client']),
      );
    });

    it("finds a manifest copied after the install, a process's build not copied, a port not exposed", () => {
      const before = checkDockerfile(ROOT, source).errors;
      const after = checkDockerfile(
        ROOT,
        source
          .replace('COPY services/crm/package.json services/crm/\n', '')
          .replace('RUN pnpm build', 'COPY services/crm/package.json services/crm/\nRUN pnpm build')
          .replace('COPY --from=build /app/services/orders/dist services/orders/dist\n', '')
          .replace('EXPOSE 4000 4001 4002 4003 4004 4005', 'EXPOSE 4000 4001 4002 4003 4005'),
      ).errors;
      expect(added(before, after)).toEqual([
        'deploy/Dockerfile: services/crm/package.json is not copied before pnpm install --frozen-lockfile',
        'deploy/Dockerfile: services/orders/dist (orders) is not copied into the image',
        "deploy/Dockerfile: EXPOSE does not name orders's port 4004",
      ]);
    });
  });

  describe(K8S_DIR, () => {
    let kubectl = true;
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    } catch {
      kubectl = false;
    }
    const withKubectl = kubectl ? it : it.skip;
    const rendered = () => renderKustomize(join(ROOT, K8S_DIR)) as K8sObject[];
    const named = (objects: K8sObject[], kind: string, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name)!;

    withKubectl('passes the rendered manifests', () => {
      const { errors, checked } = checkKubernetes(rendered(), ROOT);
      expect(errors).toEqual([]);
      expect(checked).toEqual([`${K8S_DIR}: 6 Deployments and their Services, autoscalers, disruption budgets, Jobs`]);
    });

    withKubectl(
      'finds one replica, no autoscaler, a budget that blocks drains, a probe on the wrong path, a migrating subgraph, a missing ConfigMap key, an Ingress to a subgraph',
      () => {
        const objects = rendered();
        named(objects, 'Deployment', 'catalog').spec!.replicas = 1;
        named(objects, 'PodDisruptionBudget', 'loyalty').spec!.minAvailable = 2;
        objects.splice(objects.indexOf(named(objects, 'HorizontalPodAutoscaler', 'inventory')), 1);
        const gateway = named(objects, 'Deployment', 'gateway').spec!.template!.spec.containers[0]!;
        gateway.readinessProbe!.httpGet!.path = '/healthz';
        named(objects, 'ConfigMap', 'omni-config').data!.MIGRATE_ON_START = 'true';
        delete named(objects, 'ConfigMap', 'omni-subgraphs').data!.CRM_URL;
        named(objects, 'Ingress', 'gateway').spec!.rules![0]!.http!.paths[0]!.backend.service!.name = 'orders';
        const { errors } = checkKubernetes(objects, ROOT);
        expect(errors).toEqual(
          expect.arrayContaining([
            'deploy/k8s: Deployment/catalog: runs 1 replica(s), not 2 or more',
            'deploy/k8s: Deployment/inventory: has no HorizontalPodAutoscaler keeping 2 replicas or more',
            'deploy/k8s: Deployment/loyalty: its PodDisruptionBudget keeps all 2 replicas: no node could be drained',
            'deploy/k8s: Deployment/gateway: readinessProbe is not GET /readyz on port 4000',
            'deploy/k8s: Deployment/orders: migrates on start (MIGRATE_ON_START is not false): the Job does',
            'deploy/k8s: Deployment/orders: CRM_URL names CRM_URL of the ConfigMap omni-subgraphs, which is not rendered',
            'deploy/k8s: Ingress/gateway reaches orders, not the gateway',
          ]),
        );
        expect(errors.filter((line) => line.includes('CRM_URL is required'))).toHaveLength(3); // the gateway, orders, loyalty
      },
    );

    it('says why nothing was rendered when kubectl is missing', () => {
      expect(renderKustomize(K8S_DIR, 'no-such-kubectl')).toBe(
        'no-such-kubectl is not installed: deploy/k8s is neither rendered nor checked',
      );
    });
  });
});
