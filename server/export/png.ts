/**
 * export.png: the export SVG rasterised on the server with resvg (Rust, via
 * @resvg/resvg-js prebuilt binaries; renderAsync runs off the event loop).
 *
 * Text needs fonts: system fonts are loaded (on Debian, fonts-dejavu-core /
 * fonts-liberation under /usr/share/fonts). The SVG asks for system-ui/Arial;
 * resvg does not resolve fontconfig aliases, so unmatched families fall back
 * to DejaVu Sans or Liberation Sans when installed. With no font at all resvg
 * draws shapes and lines and skips the text; it does not fail.
 */
import fs from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

/** Longest side of the PNG; a huge board is scaled down to fit rather than allocating gigabytes. */
export const PNG_MAX_SIDE = 4096;
/** Pixels per SVG unit for normal boards (crisp on high-density screens and in reports). */
export const PNG_SCALE = 2;

const FALLBACK_FAMILIES: [string, string][] = [
  ['/usr/share/fonts/truetype/dejavu', 'DejaVu Sans'],
  ['/usr/share/fonts/truetype/liberation', 'Liberation Sans'],
];

const defaultFamily = FALLBACK_FAMILIES.find(([dir]) => fs.existsSync(dir))?.[1];

function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 800);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 600);
  return { width, height };
}

export interface PngOptions {
  /** Load the system's fonts (default true); false renders shapes only, as on a machine without fonts. */
  systemFonts?: boolean;
}

export async function renderPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const systemFonts = options.systemFonts ?? true;
  const { width, height } = svgSize(svg);
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(width, height, 1));
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: systemFonts,
      ...(systemFonts && defaultFamily ? { defaultFontFamily: defaultFamily } : {}),
    },
  });
  return image.asPng();
}
