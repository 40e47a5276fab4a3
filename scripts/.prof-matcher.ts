import { buildLog } from './bench/matcher.ts';
import { readArticles } from '../src/catalog/load.ts';
import { toRules } from '../src/catalog/rules.ts';
import { normalize } from '../src/matcher/normalize.ts';
import { buildIndex, scan } from '../src/matcher/scan.ts';
const rules = toRules(readArticles().articles);
const idx = buildIndex(rules);
const log = buildLog().text;
const t = (name: string, fn: () => unknown) => { for (let i=0;i<5;i++) fn(); const a: number[] = []; for (let i=0;i<20;i++){const s=performance.now(); fn(); a.push(performance.now()-s);} a.sort((x,y)=>x-y); console.log(name, a[10].toFixed(2)); };
t('split', () => log.split(/\r\n|\r|\n/));
t('normalize', () => normalize(log));
const { lines } = normalize(log);
t('scan', () => scan(idx, lines));
// how many candidates per line
let c = 0; const words = new Map<string, number>();
for (const [w, l] of idx.byWord) words.set(w, l.length);
console.log('keys', [...idx.byWord.keys()].join(' '));
console.log('unindexed', idx.unindexed.map(i=>idx.templates[i].template));
{
  const counts = new Map<string, number>();
  let withC = 0;
  for (const l of lines) { const ws = l.text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []; let any=false; for (const w of ws) if (idx.byWord.has(w)) { any=true; counts.set(w,(counts.get(w)??0)+1);} if (any) withC++; }
  console.log('lines with candidates', withC, '/', lines.length, [...counts].sort((a,b)=>b[1]-a[1]).slice(0,15));
}
