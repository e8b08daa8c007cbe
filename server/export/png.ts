/**
 * export.png: the export SVG rasterised on the server with resvg (Rust, via
 * @resvg/resvg-js prebuilt binaries; renderAsync runs off the event loop).
 *
 * Text uses DejaVu Sans from the `dejavu-fonts-ttf` npm package rather than
 * system fonts, so a fresh machine needs no font package and every machine
 * draws the same picture. The SVG asks for system-ui/Arial; resvg does not
 * resolve those aliases, so everything falls back to DejaVu Sans. Without
 * fonts resvg draws shapes and lines and skips the text; it does not fail.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';

/** Longest side of the PNG; a huge board is scaled down to fit rather than allocating gigabytes. */
export const PNG_MAX_SIDE = 4096;
/** Pixels per SVG unit for normal boards (crisp on high-density screens and in reports). */
export const PNG_SCALE = 2;

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) =>
  path.join(FONT_DIR, f),
);

function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 800);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 600);
  return { width, height };
}

export interface PngOptions {
  /** Load the bundled fonts (default true); false renders shapes only, as resvg does with no font at all. */
  fonts?: boolean;
}

export async function renderPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? true;
  const { width, height } = svgSize(svg);
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(width, height, 1));
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: fonts ? FONT_FILES : [],
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return image.asPng();
}
