import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { SECRET_VARIABLES } from '@casusregie/config';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image: string;
  build?: string;
  pull_policy?: string;
  restart?: string;
  profiles?: string[];
  ports?: string[];
  networks?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
}
/** YAML merge keys (`<<: *app-environment`) applied, as Compose does; js-yaml 5 leaves them as `<<` entries. */
function withMerges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMerges);
  if (node === null || typeof node !== 'object') return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const base = merged === undefined ? {} : (withMerges(merged) as Record<string, unknown>);
  return { ...base, ...Object.fromEntries(Object.entries(own).map(([key, value]) => [key, withMerges(value)])) };
}

const compose = withMerges(load(read('docker-compose.yml'))) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  networks: Record<string, { internal?: boolean }>;
};
const services = Object.entries(compose.services);

/** docker-compose.yml as an operator would want it (issue 18, point 5); `docker compose config` is not needed to run this. */
describe('docker-compose.yml', () => {
  it('restarts every service unless it was stopped', () => {
    expect(services.filter(([, service]) => service.restart !== 'unless-stopped').map(([name]) => name)).toEqual([]);
  });

  it('pins every image it pulls to a minor version at least, and builds every one of ours instead of pulling it', () => {
    for (const [name, { image, build, pull_policy }] of services) {
      if (image.startsWith('casusregie:')) {
        expect({ name, build, pull_policy }).toEqual({ name, build: '.', pull_policy: 'build' });
      } else {
        expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:v?\d+\.\d+[\w.-]*$/) });
      }
    }
  });

  it('keeps KurrentDB, PostgreSQL and Redis on an internal network without published ports', () => {
    expect(compose.networks.stores).toEqual({ internal: true });
    for (const name of ['kurrentdb', 'postgres', 'redis']) {
      expect({ name, networks: compose.services[name].networks, ports: compose.services[name].ports }).toEqual({ name, networks: ['stores'], ports: undefined });
    }
  });

  it('publishes Prometheus and Grafana on the loopback interface only, in the monitoring profile', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect(compose.services[name].profiles).toEqual(['monitoring']);
      for (const port of compose.services[name].ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    expect(services.filter(([, service]) => service.profiles !== undefined).map(([name]) => name).sort()).toEqual(['grafana', 'kurrentdb', 'prometheus']);
  });

  it('runs PostgreSQL as the event store unless told otherwise; KurrentDB only in the kurrentdb profile, and waited for only there', () => {
    expect(compose.services.kurrentdb.profiles).toEqual(['kurrentdb']);
    for (const name of ['api', 'projector']) {
      const { environment, depends_on } = compose.services[name];
      expect({ name, eventStore: environment?.EVENT_STORE }).toEqual({ name, eventStore: '${EVENT_STORE:-postgres}' });
      // Without `required: false`, Compose refuses to start the apps when the profile is off.
      expect({ name, kurrentdb: depends_on?.kurrentdb }).toEqual({ name, kurrentdb: { condition: 'service_healthy', required: false } });
      expect(depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    }
    expect(read('docker-compose.yml')).toContain('EVENT_STORE=eventstoredb docker compose --profile kurrentdb up');
  });

  it('gives the apps their secrets as files: every X_FILE a secret the code reads that way and mounted for the service; a plain URL without a password', () => {
    for (const name of ['api', 'projector']) {
      const { environment = {}, secrets = [] } = compose.services[name];
      // REDIS_URL and ESDB_CONNECTION_STRING stay plain while they carry no credentials (both on the internal network).
      for (const secret of SECRET_VARIABLES) if (environment[secret] !== undefined) expect(environment[secret]).not.toContain('@');
      const files = Object.entries(environment).filter(([variable]) => variable.endsWith('_FILE'));
      expect(files.map(([variable]) => variable).sort()).toEqual(['AUTH_JWT_SECRET_FILE', 'DATABASE_URL_FILE', 'PERSONAL_DATA_MASTER_KEY_FILE']);
      for (const [variable, path] of files) {
        expect(SECRET_VARIABLES).toContain(variable.replace(/_FILE$/, ''));
        expect(secrets).toContain(path.replace('/run/secrets/', ''));
      }
    }
  });

  it('reads every secret from ./secrets, which git ignores and deploy/create-secrets.sh fills', () => {
    const script = read('deploy/create-secrets.sh');
    for (const [name, { file }] of Object.entries(compose.secrets)) {
      expect(file).toBe(`./secrets/${name}.txt`);
      expect(script).toMatch(new RegExp(`^create ${name}\\.txt `, 'm'));
    }
    expect(read('.gitignore').split('\n')).toContain('secrets/');
  });
});
