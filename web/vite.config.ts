import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The config lives in web/ but is run from the repository root
// (`vite build --config web/vite.config.ts`), so anchor every path to this folder.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Name the framework chunk explicitly; everything else (antd pieces, pages) is split
        // automatically, so the public portal does not download the workbench tables.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@remix-run)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // The API server (src/) listens on 3000; proxying keeps the session cookie same-origin in dev.
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
