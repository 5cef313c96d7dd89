import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * A CPU profile of a page's main thread through the DevTools protocol (Profiler domain), for benches that need to
 * know where the page spends its time: `stop()` writes the `.cpuprofile` (opens in Chrome DevTools' Performance
 * panel) and returns the busiest functions by self time as text. https://chromedevtools.github.io/devtools-protocol/tot/Profiler/
 */
export async function startPageProfile(page: Page, top = 25): Promise<{ stop(file: string): Promise<string> }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  // 100 µs between samples: fine enough for the 1–3 s the benches look at.
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
      await session.detach();
      await writeFile(file, JSON.stringify(profile));
      return `CPU profile: ${file}\n${selfTimeTable(profile, top)}`;
    },
  };
}

/** Self time per function (name, script, line), from the sampled stacks. */
function selfTimeTable(profile: Profile, top: number): string {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const script = f.url.split('/').pop() || '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${script}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join('\n');
}
