import { defineConfig } from "vite";

// Everything is bundled into the app: no CDN, no remote fonts, and no inline
// scripts, so the strict CSP in tauri.conf.json holds.
export default defineConfig({
  clearScreen: false,
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
});
