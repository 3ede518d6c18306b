// Broken links, images and stylesheets of a whole site, with linkinator (npm,
// pinned in package.json): crawls every page of the site from the address
// given, checks every link, image (src and srcset), stylesheet, icon and
// feed it finds, and prints the result as JSON:
//   {"scanned": n, "broken": [{"url", "status", "parent"}, ...]}
// Exit status 0 when nothing is broken. Used by tests/seo/test_broken_links.py.
//   node scripts/check_links.mjs http://127.0.0.1:8000/ [skip-regex ...]
import { check } from "linkinator";

const [start, ...skip] = process.argv.slice(2);
if (!start) {
  console.error("usage: node scripts/check_links.mjs URL [skip-regex ...]");
  process.exit(2);
}
const origin = new URL(start).origin;
const result = await check({
  path: start,
  recurse: true,
  concurrency: 8,
  timeout: 30000,
  // Other sites are not ours to check (and CI has no Internet).
  linksToSkip: (link) => Promise.resolve(!link.startsWith(origin) || skip.some((pattern) => new RegExp(pattern).test(link))),
});
const broken = result.links
  .filter((link) => link.state === "BROKEN")
  .map((link) => ({ url: link.url, status: link.status, parent: link.parent }));
const scanned = result.links.filter((link) => link.state === "OK").length;
console.log(JSON.stringify({ scanned, broken }));
// Keep-alive sockets would keep Node running after the crawl.
process.exit(broken.length ? 1 : 0);
