declare module 'virtual:rondkomen/rulebook' {
  import type { Rulebook } from '../engine/rulebook.ts';
  const rulebook: Rulebook;
  export default rulebook;
}
