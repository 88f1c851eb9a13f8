import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Served by the gateway at /console; `pnpm --filter @omni/console dev` proxies the API to a
// gateway on 127.0.0.1:4000 (scripts/start.sh).
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/graphql': gateway,
      '/console/config.json': gateway,
      '/console/dev-token': gateway,
    },
  },
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
});
