import { startEmbeddedPostgres } from '../src/postgres.js';
await startEmbeddedPostgres({ dataDir: process.env.PGDIR ?? '/work/scratch/pg/data', persistent: true, port: Number(process.env.PGPORT ?? 55432) });
console.log('pg up');
setInterval(() => {}, 1 << 30);
