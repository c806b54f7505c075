import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const apiTarget = process.env.SOIL_API_URL ?? 'http://localhost:3000'
const proxied = { target: apiTarget, changeOrigin: false }

/** Builds the browser client from `client/` into `dist/client`; in development the API is proxied to the server. */
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  // request and answer schemas shared with the server (client code imports their types)
  resolve: { alias: { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': proxied,
      '/tiles': proxied,
      '/style.json': proxied,
      '/public/style.json': proxied,
    },
  },
  preview: {
    proxy: {
      '/api': proxied,
      '/tiles': proxied,
      '/style.json': proxied,
      '/public/style.json': proxied,
    },
  },
})
