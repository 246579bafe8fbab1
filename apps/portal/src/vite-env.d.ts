/// <reference types="vite/client" />

/** Build-time settings of the portal (all optional: by default the map needs no outside server). */
interface ImportMetaEnv {
  /** A MapLibre style URL to use as the basemap instead of the built-in one. */
  readonly VITE_BASEMAP_STYLE_URL?: string;
  /** A raster tile URL template (`…/{z}/{x}/{y}.png`) drawn under the built-in layers. */
  readonly VITE_BASEMAP_TILES_URL?: string;
  /** Credit for that style or those tiles, shown in the map's attribution. */
  readonly VITE_BASEMAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
