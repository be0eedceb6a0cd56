/**
 * Built (`vite build`) the client lives under /app, served by the gateway; Vite's dev server serves it at / and
 * forwards the graph and the client configuration to a running `npm start` (http://localhost:4000).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const GATEWAY = process.env.FINSAM_GATEWAY ?? 'http://localhost:4000';

export default defineConfig(({ command }) => ({
  base: command === 'build' ? '/app/' : '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/config.json': { target: GATEWAY, rewrite: () => '/app/config.json' },
      '/graphql': { target: GATEWAY },
    },
  },
}));
