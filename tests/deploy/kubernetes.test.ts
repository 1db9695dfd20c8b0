/**
 * deploy/k8s/ (the Kubernetes example) validated without a cluster: every object against the
 * Kubernetes API schemas (kubernetes-models), and against the code — the same commands as
 * docker-compose.yml, the image of this version, resource requests, probes running the health
 * command, a Service reaching the dashboard, a Job running the migrations.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, parseConfig } from '../../src/shared/config.js';
import { STAGES } from '../../src/pipeline/stages.js';
import { DASHBOARD_CREDENTIALS, loadCompose } from './compose-file.js';

const DIR = 'deploy/k8s';
const MODELS = { Deployment, Job, ConfigMap, Secret, Service } as const;
type Kind = keyof typeof MODELS;
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const objects = files.flatMap((file) =>
  parseAllDocuments(readFileSync(`${DIR}/${file}`, 'utf8')).map((doc) => ({ file, object: doc.toJS() as K8sObject })),
);
const ofKind = (kind: Kind) => objects.map((o) => o.object).filter((o) => o.kind === kind);
const deployments = ofKind('Deployment') as unknown as Deployment[];
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const compose = loadCompose(DASHBOARD_CREDENTIALS);
const podSpec = (o: Deployment | Job) => o.spec!.template.spec!;

/** Validates with the model of the object's apiVersion and kind; throws naming the fields at fault. */
function validate(object: K8sObject): void {
  const Model = MODELS[object.kind as Kind];
  if (!Model) throw new Error(`no schema here for ${object.kind}`);
  const model = new Model(object);
  expect(model.apiVersion).toBe(object.apiVersion);
  model.validate();
}

describe('Kubernetes example (deploy/k8s)', () => {
  it.each(objects.map((o) => [`${o.file}: ${o.object.kind} ${o.object.metadata.name}`, o.object] as const))(
    '%s is valid against the Kubernetes API schema',
    (_label, object) => expect(() => validate(object)).not.toThrow(),
  );

  it('the schema check rejects a broken object (it is not vacuous)', () => {
    const broken = structuredClone(deployments[0]!) as unknown as K8sObject & { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
  });

  it('kustomization.yaml applies every manifest but the example Secret', () => {
    const kustomization = parseAllDocuments(readFileSync(`${DIR}/kustomization.yaml`, 'utf8'))[0]!.toJS() as {
      resources: string[];
      images: { newTag: string }[];
    };
    expect(kustomization.resources.sort()).toEqual(files.filter((f) => f !== 'secret.example.yaml').sort());
    expect(kustomization.images[0]!.newTag).toBe(version);
  });

  it('runs a Deployment per stage, the feed poller, the alerts and the dashboard, with the commands compose runs', () => {
    const byName = new Map(deployments.map((d) => [d.metadata!.name!, d]));
    for (const name of [...STAGES, 'feeds', 'alerts', 'dashboard']) {
      const d = byName.get(`parley-${name}`);
      expect(d, `no Deployment parley-${name}`).toBeDefined();
      expect(podSpec(d!).containers[0]!.command).toEqual(compose.services[name]!.command);
    }
  });

  it.each(deployments.map((d) => [d.metadata!.name!, d] as const))(
    '%s: image of this version, non-root, resource requests, probes that run the health checks, time to shut down',
    (name, d) => {
      const spec = podSpec(d);
      const [c] = spec.containers;
      expect(spec.containers).toHaveLength(1);
      expect(c!.image).toBe(`parley:${version}`);
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      expect(c!.resources?.requests?.cpu).toBeDefined();
      expect(c!.resources?.requests?.memory).toBeDefined();
      expect(d.spec!.selector.matchLabels).toEqual(d.spec!.template.metadata!.labels);
      expect(spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(20_000); // SHUTDOWN_TIMEOUT_MS
      if (name === 'parley-dashboard') {
        expect(c!.readinessProbe?.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
        const port = c!.ports?.find((p) => p.name === 'http')?.containerPort;
        expect(c!.env?.find((e) => e.name === 'PORT')?.value).toBe(String(port));
      } else {
        const usesStore = name === 'parley-store' || name === 'parley-alerts';
        const health = ['node', 'dist/cli/health.js', ...(usesStore ? ['--store'] : [])];
        expect(c!.readinessProbe?.exec?.command).toEqual(health);
        expect(c!.livenessProbe?.exec?.command).toEqual(health);
      }
      for (const e of c!.env ?? []) expect(CONFIG_VARIABLES).toContain(e.name);
    },
  );

  it('the shared ConfigMap and the example Secret hold only variables Parley reads, with values it accepts', () => {
    const env = {
      ...(ofKind('ConfigMap')[0]!.data as Record<string, string>),
      ...(ofKind('Secret')[0]!.stringData as Record<string, string>),
    };
    for (const key of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(key);
    expect(parseConfig(env).storeUrl).toMatch(/^postgres:\/\//);
    expect(parseConfig(env).dashboard.auth).toBeDefined();
  });

  it('the dashboard Service reaches the dashboard pods on their http port', () => {
    const [service] = ofKind('Service') as unknown as Service[];
    const dashboard = deployments.find((d) => d.metadata!.name === 'parley-dashboard')!;
    expect(service!.spec!.selector).toEqual(dashboard.spec!.template.metadata!.labels);
    expect(service!.spec!.ports![0]!.targetPort).toBe('http');
  });

  it('a Job runs the migrations with the image of this version and the same settings', () => {
    const [job] = ofKind('Job') as unknown as Job[];
    const c = podSpec(job!).containers[0]!;
    expect(c.command).toEqual(['node', '--enable-source-maps', 'dist/cli/migrate.js']);
    expect(c.image).toBe(`parley:${version}`);
    expect(c.envFrom).toEqual(podSpec(deployments[0]!).containers[0]!.envFrom);
  });
});
