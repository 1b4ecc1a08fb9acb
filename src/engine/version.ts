/** Version of the engine's rule code; the content version comes from the rulebook. Kept equal to package.json. */
export const ENGINE_VERSION = '0.1.0';
