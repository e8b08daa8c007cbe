/**
 * `tsx bench/tools/profile-summary.ts <file.cpuprofile> [top]`: self time by
 * function and total (inclusive) time by function from a V8 CPU profile
 * (node --cpu-prof), for finding where a server spends its CPU.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, under] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary <file.cpuprofile> [top] [function name to break down]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.basename(url.replace(/\?.*$/, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let sum = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  sum += dt;
  const node = byId.get(id);
  if (!node) return;
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n) break;
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});

const print = (title: string, map: Map<string, number>): void => {
  process.stdout.write(`\n${title} (of ${(sum / 1000).toFixed(0)} ms sampled)\n`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / sum).toFixed(1).padStart(5)}%  ${name}\n`,
    );
  }
};
print('self time', self);
print('total time', total);

if (under) {
  // Inclusive time of everything called (directly or not) from frames named `under`.
  const below = new Map<string, number>();
  let inside = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const chain: string[] = [];
    let found = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      if (n.callFrame.functionName === under) {
        found = true;
        break;
      }
      chain.push(label(n));
    }
    if (!found) return;
    inside += dt;
    for (const l of new Set(chain)) below.set(l, (below.get(l) ?? 0) + dt);
  });
  process.stdout.write(`\nbelow ${under}: ${(inside / 1000).toFixed(1)} ms in all`);
  print(`inclusive, below ${under}`, below);
}
