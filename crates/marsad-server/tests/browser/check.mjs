// Headless-browser check of the Marsad web UI, run by ../browser.rs.
//
//   node check.mjs BASE_URL ENTITY_ID OUT_DIR
//
// Loads the search page (an Arabic query) and one entity page in Debian's
// chromium through playwright-core, and prints one JSON object of facts on stdout:
// direction and language of the document, the computed direction and font, whether
// the bundled "Noto Naskh Arabic" face loaded, which fonts Chromium actually drew
// the text with (DevTools CSS.getPlatformFontsForNode), where the brand and the
// first title sit in the viewport, whether the charts drew their canvases, every
// response (URL + status), uncaught script errors, and every request that left
// the loopback host. Full-page screenshots go to OUT_DIR (search.png,
// entity.png). The Rust test asserts on the facts; this script only exits
// non-zero when it cannot run at all (bad arguments, chromium fails to launch, a
// page cannot be loaded).

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [base, entityId, outDir] = process.argv.slice(2);
if (!base || !entityId || !outDir) {
  console.error("usage: node check.mjs BASE_URL ENTITY_ID OUT_DIR");
  process.exit(2);
}
const EXECUTABLE = process.env.MARSAD_CHROMIUM || "/usr/bin/chromium";
const QUERY = "السعودية";
const FAMILY = "Noto Naskh Arabic";
const VIEWPORT = { width: 1280, height: 900 };

function isLoopback(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Not network requests at all.
  if (["data:", "blob:", "about:"].includes(u.protocol)) return true;
  if (!["http:", "https:", "ws:", "wss:"].includes(u.protocol)) return false;
  const h = u.hostname.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\./.test(h);
}

// Everything measured inside the page (serializable values only).
function inPage({ family, titleSelector }) {
  const strip = (s) => s.replace(/^["']|["']$/g, "");
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const rect = (r) =>
    r && {
      left: r.left,
      right: r.right,
      top: r.top,
      bottom: r.bottom,
      width: r.width,
      height: r.height,
    };
  const boxOf = (sel) => {
    const el = document.querySelector(sel);
    return el ? rect(el.getBoundingClientRect()) : null;
  };
  // The extent of an element's text (a block's own box spans the whole line in
  // either direction; its text does not).
  const textBoxOf = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const range = document.createRange();
    range.selectNodeContents(el);
    return rect(range.getBoundingClientRect());
  };
  // The first line of an element's text: where the text starts (on the right in
  // a right-to-left paragraph), even when a long title wraps.
  const firstLineOf = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    if (!rects.length) return null;
    const top = Math.min(...rects.map((r) => r.top));
    const line = rects.filter((r) => r.top < top + 4);
    return rect({
      left: Math.min(...line.map((r) => r.left)),
      right: Math.max(...line.map((r) => r.right)),
      top,
      bottom: Math.max(...line.map((r) => r.bottom)),
      width: Math.max(...line.map((r) => r.right)) - Math.min(...line.map((r) => r.left)),
      height: Math.max(...line.map((r) => r.bottom)) - top,
    });
  };
  const faces = [];
  document.fonts.forEach((f) =>
    faces.push({
      family: strip(f.family),
      weight: f.weight,
      status: f.status,
      unicodeRange: f.unicodeRange,
    }),
  );
  const body = getComputedStyle(document.body);
  const titleEl = document.querySelector(titleSelector);
  return {
    url: location.href,
    title: document.title,
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    bodyDirection: body.direction,
    bodyFontFamily: body.fontFamily,
    titleDirection: titleEl ? getComputedStyle(titleEl).direction : null,
    titleFontFamily: titleEl ? getComputedStyle(titleEl).fontFamily : null,
    titleText: titleEl ? titleEl.textContent.trim() : null,
    fontFaces: faces,
    arabicFaceLoaded: faces.some((f) => f.family === family && f.status === "loaded"),
    fontsCheck: document.fonts.check(`16px "${family}"`, "ب"),
    fontsStatus: document.fonts.status,
    viewport: { width: vw, height: vh },
    headerBox: boxOf("header.top"),
    brandBox: boxOf("header.top .brand"),
    titleBox: boxOf(titleSelector),
    titleTextBox: textBoxOf(titleSelector),
    titleFirstLine: firstLineOf(titleSelector),
    timelineBox: boxOf("#timeline"),
    networkBox: boxOf("#network"),
    scroll: { x: window.scrollX, y: window.scrollY },
    hits: document.querySelectorAll(".hit").length,
    timelineCanvas: !!document.querySelector("#timeline canvas"),
    networkCanvas: !!document.querySelector("#network canvas"),
  };
}

// The fonts Chromium really shaped a node's text with.
async function platformFonts(cdp, selector) {
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) return null;
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    return fonts;
  } catch (e) {
    return { error: String(e) };
  }
}

async function visit(context, name, url, titleSelector) {
  const page = await context.newPage();
  const responses = [];
  const failed = [];
  const consoleErrors = [];
  const pageErrors = [];
  page.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
  page.on("requestfailed", (r) => failed.push({ url: r.url(), error: r.failure()?.errorText ?? "" }));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const main = await page.goto(url, { waitUntil: "load", timeout: 30000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Let the charts settle (both draw synchronously on load; this is slack).
  await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => {});
  const facts = await page.evaluate(inPage, { family: FAMILY, titleSelector });
  facts.status = main ? main.status() : null;
  facts.titleFonts = await platformFonts(cdp, titleSelector);
  facts.brandFonts = await platformFonts(cdp, "header.top .brand");
  facts.responses = responses;
  facts.failedRequests = failed;
  // Console errors include the browser's own /favicon.ico 404 (the favicon
  // request is not a page response); uncaught script errors are pageErrors.
  facts.consoleErrors = consoleErrors;
  facts.pageErrors = pageErrors;
  facts.screenshot = join(outDir, `${name}.png`);
  await page.screenshot({ path: facts.screenshot, fullPage: true });
  await page.close();
  return facts;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: 60000,
  });
  const external = [];
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: "ar", deviceScaleFactor: 1 });
    context.on("request", (r) => {
      if (!isLoopback(r.url())) external.push(r.url());
    });
    const root = base.replace(/\/+$/, "");
    const search = await visit(context, "search", `${root}/?q=${encodeURIComponent(QUERY)}`, ".hit h3 a");
    const entity = await visit(context, "entity", `${root}/entity/${encodeURIComponent(entityId)}`, "main h1");
    await context.close();
    process.stdout.write(
      JSON.stringify({
        browser: `chromium ${browser.version()}`,
        base: root,
        query: QUERY,
        entityId,
        search,
        entity,
        externalRequests: external,
      }) + "\n",
    );
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`check.mjs: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
