import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` serves the client on :5173 and passes /api to a running gateway (dev-stack/run).
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'echarts'
          : id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus') ? 'element-plus'
            : id.includes('node_modules/') ? 'vendor' : undefined),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: process.env.GATEWAY_URL || 'http://localhost:8080', changeOrigin: true },
    },
  },
})
