/**
 * Astro adds an image endpoint (`/_image`) to every server build. The site uses no `astro:assets`
 * (its images are plain files), so the endpoint answers 404 to everything (astro.config.mjs points
 * `image.endpoint` here) instead of fetching and resizing what a URL names.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const ALL: APIRoute = () => new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } });
