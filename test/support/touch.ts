import { cdp } from 'vitest/browser';

/**
 * A tap of a finger at the middle of the part of `target` inside `within` (default: all of it),
 * through the browser's own touch input, as a phone sends it. The test page sits scaled in a
 * frame, and CDP takes the top page's coordinates.
 */
export async function tap(target: Element, within: Element = target): Promise<void> {
  const rect = target.getBoundingClientRect();
  const box = within.getBoundingClientRect();
  const frame = window.frameElement!.getBoundingClientRect();
  const scale = frame.width / window.innerWidth;
  const x = frame.left + scale * ((Math.max(rect.left, box.left) + Math.min(rect.right, box.right)) / 2);
  const y = frame.top + scale * ((Math.max(rect.top, box.top) + Math.min(rect.bottom, box.bottom)) / 2);
  await cdp().send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await cdp().send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** A touch screen as the primary pointer: `(hover: none)` and `(pointer: coarse)` match. */
export const touchScreen = (enabled: boolean) =>
  cdp().send('Emulation.setTouchEmulationEnabled', enabled ? { enabled, maxTouchPoints: 5 } : { enabled });
