/**
 * Done means (issue 22, deployment on paper): the Kubernetes manifests in infra/deploy/kubernetes are valid against
 * the Kubernetes schemas (kubernetes-models' validate()) and deploy what the platform needs — a Deployment, Service
 * and PodDisruptionBudget for the gateway and each subgraph, with probes on /health and /ready, resources, a
 * non-root security context and secrets only by reference, and a migration Job — and the Dockerfile builds the
 * compiled output into a non-root image with production dependencies only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { heapFlags, OLD_SPACE_MB, SEMI_SPACE_MB, type ServingProcess } from '@finsam/infra/heap-flags.js';
import { SUBGRAPHS } from '@finsam/infra/subgraphs.js';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import YAML from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEPLOY = path.join(ROOT, 'infra', 'deploy');
const KUBE = path.join(DEPLOY, 'kubernetes');

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Deployment,
  Service,
  PodDisruptionBudget,
  Job,
  ConfigMap,
};

const manifests = fs
  .readdirSync(KUBE)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) =>
    YAML.parseAllDocuments(fs.readFileSync(path.join(KUBE, file), 'utf8')).map((doc) => {
      expect(doc.errors).toEqual([]);
      return { file, ...(doc.toJS() as { kind: string; metadata: { name: string }; spec?: any }) };
    }),
  );
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => {
  const found = ofKind(kind).find((m) => m.metadata.name === name);
  expect(found).toBeDefined();
  return found!;
};

/** The env variables that hold secrets: never a literal value in a manifest. */
const SECRETS = ['DATABASE_URL', 'INTERNAL_PRIVATE_KEY', 'SERVICE_PRIVATE_KEY', 'PERSON_KEY', 'PERSON_HMAC_KEY'];
const COMPONENTS = ['gateway', ...SUBGRAPHS.map((s) => s.name)];

it('validates every manifest against the Kubernetes schema of its kind', () => {
  expect(manifests.length).toBeGreaterThan(0);
  for (const manifest of manifests) {
    const { file, ...data } = manifest;
    const Model = MODELS[data.kind];
    expect(`${file}: ${data.kind}`).toBe(`${file}: ${Model ? data.kind : 'a kind the test knows'}`);
    expect(() => new Model!(data).validate()).not.toThrow();
  }
  // What is deployed together is listed for kustomize; the Job runs on its own, before.
  const kustomization = YAML.parse(fs.readFileSync(path.join(KUBE, 'kustomization.yaml'), 'utf8'));
  const listed = new Set(manifests.map((m) => m.file).filter((f) => f !== 'migrate-job.yaml'));
  expect(new Set(kustomization.resources)).toEqual(listed);
});

it('has a Deployment, a Service and a PodDisruptionBudget for the gateway and each subgraph', () => {
  for (const component of COMPONENTS) {
    const name = `finsam-${component}`;
    const deployment = named('Deployment', name);
    const labels = deployment.spec.template.metadata.labels;
    const selects = (selector: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);
    expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
    expect(selects(named('Service', name).spec.selector)).toBe(true);
    expect(selects(named('PodDisruptionBudget', name).spec.selector.matchLabels)).toBe(true);
    // A disruption budget that can be met: one replica may go, one stays.
    expect(deployment.spec.replicas).toBeGreaterThan(named('PodDisruptionBudget', name).spec.minAvailable);
    const ports = deployment.spec.template.spec.containers[0].ports.map((p: any) => p.name);
    expect(ports).toContain(named('Service', name).spec.ports[0].targetPort);
  }
  expect(ofKind('Deployment')).toHaveLength(COMPONENTS.length);
});

it('gives each Deployment probes on /health and /ready, resources, a non-root context, secrets by reference', () => {
  expect(ofKind('Secret')).toEqual([]);
  for (const deployment of ofKind('Deployment')) {
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    for (const container of pod.containers) {
      const where = `${deployment.metadata.name}/${container.name}`;
      const probes = ['startupProbe', 'readinessProbe', 'livenessProbe'].map((p) => container[p]?.httpGet?.path);
      expect([where, probes.includes('/health'), probes.includes('/ready')]).toEqual([where, true, true]);
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe).toBeDefined();
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.requests.memory).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(container.securityContext.capabilities.drop).toEqual(['ALL']);
      expect(container.envFrom).toBeUndefined();
      for (const env of container.env) {
        const from = Object.keys(env.valueFrom ?? {});
        if (SECRETS.includes(env.name) || env.name === 'OIDC_ISSUERS') {
          expect([where, env.name, from]).toEqual([where, env.name, ['secretKeyRef']]);
        } else {
          expect([where, env.name, 'value' in env || ['configMapKeyRef'].includes(from[0]!)]).toEqual([
            where,
            env.name,
            true,
          ]);
        }
      }
    }
  }
});

it('runs the compiled entry points with the environment they require', () => {
  const env = (deployment: any) =>
    Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e]));
  const gateway = named('Deployment', 'finsam-gateway').spec.template.spec.containers[0];
  expect(gateway.args).toEqual([...heapFlags('gateway'), 'gateway/dist/main.js']);
  expect(Object.keys(env(named('Deployment', 'finsam-gateway')))).toEqual(
    expect.arrayContaining(['INTERNAL_PRIVATE_KEY', 'OIDC_ISSUERS', 'SUBGRAPH_URLS']),
  );
  for (const { name } of SUBGRAPHS) {
    const deployment = named('Deployment', `finsam-${name}`);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.args).toEqual([...heapFlags(name as ServingProcess), 'infra/dist/serve-subgraph.js', name]);
    const vars = env(deployment);
    const required = ['DATABASE_URL', 'INTERNAL_PUBLIC_KEY', 'SERVICE_PUBLIC_KEYS', 'SERVICE_PRIVATE_KEY'];
    expect(Object.keys(vars)).toEqual(
      expect.arrayContaining(name === 'participants' ? [...required, 'PERSON_KEY', 'PERSON_HMAC_KEY'] : required),
    );
    expect(Number(vars.PORT.value)).toBe(container.ports[0].containerPort);
    // Every subgraph reaches every other through its Service.
    const urls = Object.fromEntries(vars.SUBGRAPH_URLS.value.split(',').map((pair: string) => pair.split('=')));
    expect(urls).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://finsam-${s.name}/graphql`])));
  }
  // The compiled files exist as sources: dist mirrors src.
  for (const file of ['gateway/src/main.ts', 'infra/src/serve-subgraph.ts', 'infra/src/migrate.ts']) {
    expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  }
});

it('starts each serving process with the heap bounds npm start and the bench use, within its memory limit', () => {
  // One gateway and five subgraphs: every serving process has its bounds.
  expect(Object.keys(OLD_SPACE_MB).sort()).toEqual(['gateway', ...SUBGRAPHS.map((s) => s.name)].sort());
  // npm start runs the gateway in its own process (infra/src/start.ts); the supervisor forks the subgraphs with theirs.
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string;
  expect(start).toContain(`node ${heapFlags('gateway').join(' ')} --import tsx infra/src/start.ts`);
  const mib = (quantity: string) => {
    const [, n, unit] = /^(\d+)(Mi|Gi)$/.exec(quantity)!;
    return Number(n) * (unit === 'Gi' ? 1024 : 1);
  };
  for (const name of Object.keys(OLD_SPACE_MB) as ServingProcess[]) {
    const container = named('Deployment', `finsam-${name}`).spec.template.spec.containers[0];
    // Heap bounds below the container's limit, with room for the young generation, code and buffers (≈ 100 MiB
    // measured), so V8 collects before the kernel kills the pod.
    const heap = OLD_SPACE_MB[name] + 2 * SEMI_SPACE_MB + 128;
    expect([name, mib(container.resources.limits.memory) >= heap]).toEqual([name, true]);
  }
});

it('migrates every subgraph in a Job, as the owner, from a secret', () => {
  const job = named('Job', 'finsam-migrate');
  const pod = job.spec.template.spec;
  expect(pod.restartPolicy).toBe('Never');
  expect(pod.securityContext.runAsNonRoot).toBe(true);
  expect(pod.containers.map((c: any) => c.args)).toEqual(SUBGRAPHS.map((s) => ['infra/dist/migrate.js', s.name]));
  for (const container of pod.containers) {
    expect(container.env).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'finsam-migrations', key: container.args[1] } } },
    ]);
    expect(container.resources.limits.memory).toBeDefined();
  }
});

it('builds a multi-stage, non-root image of the compiled output with production dependencies only', () => {
  const dockerfile = fs.readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  expect(stages.length).toBeGreaterThanOrEqual(2);
  expect(stages[0]).toMatch(/^RUN npm run typecheck && npm run build$/m);
  const final = stages.at(-1)!;
  expect(final).not.toMatch(/npm run build|tsx/);
  expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
  expect(final).toMatch(/^COPY --from=dependencies /m);
  expect(final).toMatch(/^USER 1000:1000$/m);
  expect(final).toMatch(/^ENV .*NODE_OPTIONS=--conditions=compiled/m);
  const workspaces = ['gateway', 'infra', ...SUBGRAPHS.map((s) => `subgraphs/${s.name}`), 'subgraphs/kit'];
  for (const workspace of workspaces) {
    expect(final).toContain(`COPY --from=build /app/${workspace}/dist ${workspace}/dist`);
  }
  expect(final).toContain('schema/supergraph.graphql');
});
