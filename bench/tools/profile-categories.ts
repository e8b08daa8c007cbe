/**
 * `tsx bench/tools/profile-categories.ts <file.cpuprofile> cat=fn1,fn2 cat2=fn3 …`:
 * splits a V8 CPU profile's busy time into categories, each sample going to
 * the first category (in argument order) one of whose function names is on its stack.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const [file, ...specs] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-categories <file.cpuprofile> name=fn1,fn2 …\n');
  process.exit(2);
}
const categories = specs.map((spec) => {
  const [name, fns] = spec.split('=');
  return { name: name as string, fns: new Set((fns ?? '').split(',')) };
});
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const totals = new Map<string, number>();
const otherTop = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const leaf = byId.get(id);
  if (!leaf || leaf.callFrame.functionName === '(idle)') return;
  busy += dt;
  const names: string[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (n) names.push(n.callFrame.functionName);
  }
  const category = categories.find((c) => names.some((n) => c.fns.has(n)))?.name ?? 'other';
  totals.set(category, (totals.get(category) ?? 0) + dt);
  if (category === 'other') {
    const key = names.slice(0, 4).join(' < ');
    otherTop.set(key, (otherTop.get(key) ?? 0) + dt);
  }
});
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms\n`);
for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1])) {
  process.stdout.write(
    `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}\n`,
  );
}
process.stdout.write('\nother, by innermost frames:\n');
for (const [key, us] of [...otherTop].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  process.stdout.write(`${(us / 1000).toFixed(1).padStart(9)} ms  ${key}\n`);
}
