/**
 * Layout checks run in the page: nothing sticks out of the viewport sideways, nothing is cut off
 * by a container that hides its overflow, and no clickable element is covered by, or overlaps,
 * another element. Returns one line per problem, naming the elements, so a failing test says
 * what to fix.
 */
import type { Page } from 'playwright-core';

/** The problems of the page as it is laid out now (at the page's viewport). */
// Hand-written: the checks are few, and axe-core's rules are about accessibility, not overlap.
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}${id ? ` "${id}"` : ''}>${text ? ` “${text}”` : ''}`;
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return (
        style.visibility !== 'hidden' &&
        style.display !== 'none' &&
        Number(style.opacity) > 0 &&
        rect.width > 1 &&
        rect.height > 1
      );
    };
    const all = [...document.body.querySelectorAll('*')].filter(
      (el) =>
        !(el instanceof HTMLOptionElement) && !(el instanceof HTMLScriptElement) && visible(el),
    );
    const EPS = 0.5;

    // 1. Sideways overflow of the page.
    if (document.documentElement.scrollWidth > width + EPS) {
      problems.push(
        `the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`,
      );
    }
    for (const el of all) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + EPS || rect.left < -EPS) {
        // Inside a container that scrolls sideways, sticking out is expected.
        let scroller = el.parentElement;
        let scrolls = false;
        for (; scroller; scroller = scroller.parentElement) {
          const { overflowX } = getComputedStyle(scroller);
          if (overflowX === 'auto' || overflowX === 'scroll') scrolls = true;
        }
        if (!scrolls)
          problems.push(
            `${name(el)} overflows the viewport (${Math.round(rect.left)}…${Math.round(rect.right)} of ${width} px)`,
          );
      }
    }

    // 2. Content cut off by an ancestor that clips (overflow hidden or clip), sideways or down.
    for (const el of all) {
      if (el.children.length > 0 && !(el instanceof HTMLButtonElement)) continue; // leaves only
      const rect = el.getBoundingClientRect();
      for (
        let parent = el.parentElement;
        parent && parent !== document.body;
        parent = parent.parentElement
      ) {
        const style = getComputedStyle(parent);
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
        const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
        if (!clipsX && !clipsY) continue;
        const box = parent.getBoundingClientRect();
        if (
          (clipsX && (rect.left < box.left - EPS || rect.right > box.right + EPS)) ||
          (clipsY && (rect.top < box.top - EPS || rect.bottom > box.bottom + EPS))
        ) {
          problems.push(`${name(el)} is cut off by ${name(parent)}`);
          break;
        }
      }
      // Sticking out of its own parent sideways: a grid cell too narrow for it (prices pushed
      // under the cart, say).
      const parentBox = el.parentElement?.getBoundingClientRect();
      if (parentBox && (rect.left < parentBox.left - 1 || rect.right > parentBox.right + 1)) {
        problems.push(`${name(el)} sticks out of ${name(el.parentElement!)}`);
      }
      // Text wider than its own box (a nowrap label squeezed by its grid cell).
      const { overflowX } = getComputedStyle(el);
      if (overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
        problems.push(
          `${name(el)} clips its own content (${el.scrollWidth} > ${el.clientWidth} px)`,
        );
      }
    }

    // 3. Text covered by another element (its centre shows something else).
    for (const el of all) {
      if (el.children.length > 0 || !(el.textContent ?? '').trim()) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = el.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      if (hit && !el.contains(hit) && !hit.contains(el))
        problems.push(`${name(el)} is covered by ${name(hit)}`);
    }

    // 4. Clickable elements: not covered by anything else, and not overlapping each other.
    const clickable = all.filter((el) =>
      el.matches(
        'button, a[href], input, select, textarea, summary, [role="switch"], label.switch',
      ),
    );
    const related = (a: Element, b: Element) => a.contains(b) || b.contains(a);
    for (let i = 0; i < clickable.length; i++) {
      for (let j = i + 1; j < clickable.length; j++) {
        const a = clickable[i]!;
        const b = clickable[j]!;
        if (related(a, b)) continue;
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > EPS && y > EPS) problems.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    for (const el of clickable) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = el.getBoundingClientRect();
      const points = [
        [rect.left + rect.width / 2, rect.top + rect.height / 2],
        [rect.left + 2, rect.top + 2],
        [rect.right - 2, rect.bottom - 2],
      ];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x!, y!);
        const label = el.closest('label');
        if (hit && !el.contains(hit) && !(label && label.contains(hit)) && !hit.contains(el)) {
          problems.push(`${name(el)} is covered by ${name(hit)}`);
          break;
        }
      }
    }
    window.scrollTo(0, 0);
    return [...new Set(problems)];
  });
}
