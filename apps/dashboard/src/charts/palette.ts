/**
 * Chart colours from the NL Design System tokens, so that a municipality's theme.css recolours the charts too.
 * A token is resolved by the browser (a probe element's computed colour gives rgb()), since ECharts does not read
 * CSS variables nor every CSS colour syntax. The fallbacks are the Utrecht values; each has at least 3:1 contrast
 * with white (WCAG 1.4.11), and the bars carry decal patterns as well, so colour is never the only cue.
 */
function resolve(token: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${token}, ${fallback})`;
  probe.hidden = true;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value || fallback;
}

export interface Palette {
  onTime: string;
  late: string;
  pending: string;
  line: string;
  target: string;
  neutral: string;
  text: string;
}

export function palette(): Palette {
  return {
    onTime: resolve('--utrecht-color-green-40', '#597c43'),
    late: resolve('--utrecht-color-red-40', '#cc0000'),
    pending: resolve('--utrecht-color-grey-40', '#666666'),
    line: resolve('--utrecht-color-blue-35', '#24578f'),
    target: resolve('--utrecht-color-black', '#000000'),
    neutral: resolve('--utrecht-color-blue-35', '#24578f'),
    text: resolve('--utrecht-document-color', '#000000'),
  };
}
