import type { APIRequestContext, Response } from "@playwright/test";
import { expect, test } from "./support/fixtures";

/** A PNG's width and height, from its IHDR chunk (bytes 16-23). */
const pngSize = (body: Buffer) => `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;

const fetchOk = async (request: APIRequestContext, path: string, contentType: string) => {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"], path).toContain(contentType);
  return response.body();
};

test.describe("icons and the web app manifest", () => {
  test("the favicon, the icons and the manifest answer with their content types", async ({ request }) => {
    const ico = await fetchOk(request, "/favicon.ico", "image/x-icon");
    expect([...ico.subarray(0, 4)], "an ICO header").toEqual([0, 0, 1, 0]);
    expect((await fetchOk(request, "/icon.svg", "image/svg+xml")).toString()).toContain("<svg");
    expect(pngSize(await fetchOk(request, "/apple-icon.png", "image/png"))).toBe("180x180");

    const manifest = JSON.parse(
      (await fetchOk(request, "/manifest.webmanifest", "application/manifest+json")).toString(),
    ) as {
      name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest).toMatchObject({ start_url: "/", display: "standalone", theme_color: "#174c99" });
    expect(manifest.name).toContain("Pay your bill");
    const pngs = manifest.icons.filter((icon) => icon.type === "image/png");
    expect(pngs.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const body = await fetchOk(request, icon.src, icon.type);
      if (icon.type === "image/png") expect(pngSize(body), icon.src).toBe(icon.sizes);
    }
  });

  test("every page links them, and loading one asks for nothing that is not there", async ({ page }) => {
    const failed: string[] = [];
    const onResponse = (response: Response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    };
    page.on("response", onResponse);
    for (const path of ["/", "/login", "/guest"]) {
      await page.goto(path);
      const head = page.locator("head");
      await expect(head.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
      await expect(head.locator('link[rel="icon"][href^="/icon.svg"][type="image/svg+xml"]')).toHaveCount(1);
      await expect(head.locator('link[rel="apple-touch-icon"][href^="/apple-icon.png"]')).toHaveCount(1);
      await expect(head.locator('link[rel="manifest"][href="/manifest.webmanifest"]')).toHaveCount(1);
      await expect(head.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#174c99");
    }
    // The linked files themselves, as the browser asks for them (with Next's cache-busting query).
    const hrefs = await page
      .locator('head link[rel="icon"], head link[rel="apple-touch-icon"], head link[rel="manifest"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    page.off("response", onResponse);
    expect(failed).toEqual([]);
  });
});
