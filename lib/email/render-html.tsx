import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { Fragment, type CSSProperties } from "react";
import type { TEmailBrand } from "@/lib/email/brand";
import { DEFAULT_LOCALE } from "@/lib/locale";
import { emailPreview, type TEmailBlock, type TEmailMessage } from "@/lib/email/message";

/**
 * The HTML part of an email, with react-email's components (tables where mail clients need
 * them, made by the library): the practice's name on a band of its colour, the subject as the
 * heading, then the message's blocks (lib/email/message.ts), every link a button. Light
 * backgrounds and dark text (14:1), the colour checked for white text (lib/email/brand.ts),
 * 16px text, a 600px column that narrows with the screen.
 *
 * The markup is React's `renderToStaticMarkup`: an email has nothing to wait for and no script
 * to hydrate, so one synchronous pass makes it, with none of React's comment markers (about a
 * third of the CPU of react-email's `render`, which streams through web streams; every payment
 * sends a receipt, bench/RESULTS.md). `react-dom/server` cannot run under the `react-server`
 * condition, so Node loads it at run time (below), not the Next build: as for @react-email/*
 * (serverExternalPackages in next.config.js), and the worker runs without that condition
 * (scripts/server-only-hooks.mjs).
 */

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INK = "#1f2937";
const MUTED = "#4b5563";

const text: CSSProperties = { color: INK, fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" };
const cell: CSSProperties = {
  padding: "4px 12px 4px 0",
  fontSize: "15px",
  lineHeight: "22px",
  verticalAlign: "top",
};
const labelCell: CSSProperties = {
  ...cell,
  color: MUTED,
  fontWeight: 600,
  textAlign: "left",
  whiteSpace: "nowrap",
};
const valueCell: CSSProperties = { ...cell, color: INK };
const table: CSSProperties = { borderCollapse: "collapse", margin: "0 0 16px" };

const Lines = ({ lines }: { lines: readonly string[] }) =>
  lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 ? <br /> : null}
      {line}
    </Fragment>
  ));

const Block = ({ block, color }: { block: TEmailBlock; color: string }) => {
  switch (block.kind) {
    case "paragraph":
      return (
        <Text style={text}>
          <Lines lines={block.lines} />
        </Text>
      );
    case "button":
      return (
        <Section style={{ margin: "0 0 16px" }}>
          {block.lead ? <Text style={{ ...text, margin: "0 0 12px" }}>{block.lead}</Text> : null}
          <Button
            href={block.href}
            style={{
              backgroundColor: color,
              borderRadius: "6px",
              color: "#ffffff",
              fontSize: "16px",
              fontWeight: 600,
              lineHeight: "24px",
              padding: "12px 20px",
              textDecoration: "none",
            }}
          >
            {block.label}
          </Button>
          {block.after ? <Text style={{ ...text, margin: "12px 0 0" }}>{block.after}</Text> : null}
        </Section>
      );
    case "facts":
      return (
        <table style={table}>
          <tbody>
            {block.rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" style={labelCell}>
                  {label}
                </th>
                <td style={valueCell}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "breakdown":
      return (
        <table style={table}>
          <caption style={{ ...text, margin: "0 0 4px", textAlign: "left", fontWeight: 600 }}>
            {block.caption}
          </caption>
          <tbody>
            {block.rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" style={{ ...labelCell, fontWeight: 400 }}>
                  {label}
                </th>
                <td style={valueCell}>{value}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" style={{ ...labelCell, color: INK, borderTop: `1px solid ${MUTED}` }}>
                {block.total[0]}
              </th>
              <td style={{ ...valueCell, fontWeight: 600, borderTop: `1px solid ${MUTED}` }}>
                {block.total[1]}
              </td>
            </tr>
          </tbody>
        </table>
      );
    case "quote":
      return (
        <Text
          style={{
            ...text,
            whiteSpace: "pre-wrap",
            borderLeft: `4px solid ${color}`,
            backgroundColor: "#f9fafb",
            padding: "12px 16px",
          }}
        >
          {block.text}
        </Text>
      );
  }
};

export const EmailDocument = ({ message, brand }: { message: TEmailMessage; brand: TEmailBrand }) => (
  <Html lang={message.locale ?? DEFAULT_LOCALE} dir="ltr">
    <Head>
      <title>{message.subject}</title>
      <meta name="color-scheme" content="light" />
      <meta name="supported-color-schemes" content="light" />
    </Head>
    <Preview>{emailPreview(message)}</Preview>
    <Body style={{ backgroundColor: "#f3f4f6", fontFamily: FONT, margin: 0, padding: "24px 8px" }}>
      <Container
        style={{ backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "600px", width: "100%" }}
      >
        <Section style={{ backgroundColor: brand.color, borderRadius: "8px 8px 0 0", padding: "16px 24px" }}>
          <Text
            style={{ color: "#ffffff", fontSize: "20px", fontWeight: 700, lineHeight: "28px", margin: 0 }}
          >
            {brand.name}
          </Text>
        </Section>
        <Section style={{ padding: "8px 24px 16px" }}>
          <Heading as="h1" style={{ color: INK, fontSize: "22px", lineHeight: "30px", margin: "16px 0" }}>
            {message.subject}
          </Heading>
          {message.blocks.map((block, i) => (
            <Block key={i} block={block} color={brand.color} />
          ))}
        </Section>
      </Container>
    </Body>
  </Html>
);

/** What react-email's `render` puts first, for the mail clients that read it. */
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** The HTML part of `message` in `brand`'s name and colour. */
export const emailHtml = async (message: TEmailMessage, brand: TEmailBrand) => {
  // Left to Node (the bundler's ignore comments): the Next build would resolve it under the
  // react-server condition, which has no server renderer.
  const { renderToStaticMarkup } = await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ "react-dom/server"
  );
  return `${DOCTYPE}${renderToStaticMarkup(<EmailDocument message={message} brand={brand} />)}`;
};
