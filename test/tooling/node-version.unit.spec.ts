import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** One Node version, named in three places: .nvmrc (CI installs it, nvm users get it), the image, and engines. */
describe('the Node version', () => {
  const nvmrc = read('.nvmrc').trim();

  it('is a minor of Node 24 LTS in .nvmrc', () => {
    expect(nvmrc).toMatch(/^24\.\d+$/);
  });

  it('is the image\'s', () => {
    expect(read('Dockerfile')).toContain(`ARG NODE_IMAGE=node:${nvmrc}-bookworm-slim\n`);
  });

  it('satisfies engines, whose lowest version is a Node 24 LTS', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(engines.node).toMatch(/^>=24\.(\d+)$/);
    expect(Number(nvmrc.split('.')[1])).toBeGreaterThanOrEqual(Number(/^>=24\.(\d+)$/.exec(engines.node)?.[1]));
  });
});
