import fs from 'node:fs';

export default async function globalTeardown() {
  const state = globalThis.__finsamCluster;
  if (!state) {
    return;
  }
  await state.cluster.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
