/** export.png rendering (server/export/png.ts): real pixels, bounded size, no crash without fonts. */
import { describe, expect, it } from 'vitest';
import { PNG_MAX_SIDE, renderPng } from '../../server/export/png.ts';
import { renderBoardSvg } from '../../shared/export/board-svg.ts';
import type { BoardData } from '../../shared/types.ts';
import { decodePng, distinctColours, nonBackgroundPixels } from '../helpers/png.ts';
import { nastyBoard, round1 } from './fixtures.ts';

describe('renderPng', () => {
  it('draws the SVG at twice its size with many colours (lines, labels, legend)', async () => {
    const svg = renderBoardSvg(round1());
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
    const png = decodePng(await renderPng(svg));
    expect(png.width).toBe(Math.round(width * 2));
    expect(nonBackgroundPixels(png)).toBeGreaterThan(png.width * png.height * 0.02);
    expect(distinctColours(png)).toBeGreaterThan(50);
  });

  it('renders without any font (text is left out, nothing fails), and with hostile labels', async () => {
    const png = decodePng(await renderPng(renderBoardSvg(nastyBoard()), { fonts: false }));
    expect(nonBackgroundPixels(png)).toBeGreaterThan(0);
  });

  it('draws text with the bundled font, whatever fonts the machine has', async () => {
    const svg = renderBoardSvg(round1());
    const withText = nonBackgroundPixels(decodePng(await renderPng(svg)));
    const shapesOnly = nonBackgroundPixels(decodePng(await renderPng(svg, { fonts: false })));
    // Labels, stances, the title and the legend add thousands of inked pixels.
    expect(withText - shapesOnly).toBeGreaterThan(5000);
  });

  it('scales a huge board down to fit PNG_MAX_SIDE instead of allocating gigabytes', async () => {
    const far: BoardData = {
      meta: { title: 'Far apart', description: '' },
      actors: [
        { id: 'a', label: 'A', kind: 'state', x: 0, y: 0 },
        { id: 'b', label: 'B', kind: 'state', x: 900_000, y: 400_000 },
      ],
      relations: [{ id: 'r', source: 'a', target: 'b', type: 'threatens' }],
    };
    const png = decodePng(await renderPng(renderBoardSvg(far)));
    expect(Math.max(png.width, png.height)).toBeLessThanOrEqual(PNG_MAX_SIDE);
  });
});
