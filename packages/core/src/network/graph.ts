// The actor network as a graph (issue 12 § 2): kinds of cooperation links, the export formats for
// network-analysis tools (GraphML, CSV edge list) and a circular layout for the network view.
// GraphML: http://graphml.graphdrawing.org/specification.html (namespace below).

import { toCsv } from '../tabular/write-csv.ts';

/** Kinds of cooperation between two organisations. */
export const LINK_KINDS = [
  'kooperationsvertrag',
  'projekt',
  'verweisung',
  'fachaustausch',
  'traegerverbund',
  'sonstige',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** German names of the link kinds. */
export const LINK_KIND_NAMES_DE: Record<LinkKind, string> = {
  kooperationsvertrag: 'Kooperationsvertrag',
  projekt: 'Gemeinsames Projekt',
  verweisung: 'Verweisung / Lotsenfunktion',
  fachaustausch: 'Fachaustausch',
  traegerverbund: 'Trägerverbund',
  sonstige: 'Sonstige Zusammenarbeit',
};

/** A node: an organisation or a body (network, conference) organisations are members of. */
export interface GraphNode {
  id: string;
  kind: 'organisation' | 'body';
  label: string;
}

/** An edge: a cooperation link, or a membership of an organisation in a body. */
export interface GraphEdge {
  source: string;
  target: string;
  kind: LinkKind | 'mitgliedschaft';
  validFrom: string | null;
  validTo: string | null;
}

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

/** Text safe inside XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''); // not allowed in XML 1.0
}

/** An undirected GraphML document with node label/kind and edge kind/period as data keys. */
export function toGraphml(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd">`,
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="nkind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="ekind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="from" for="edge" attr.name="valid_from" attr.type="string"/>',
    '  <key id="to" for="edge" attr.name="valid_to" attr.type="string"/>',
    '  <graph id="netzwerk" edgedefault="undirected">',
  ];
  for (const n of nodes) {
    lines.push(
      `    <node id="${escapeXml(n.id)}"><data key="label">${escapeXml(n.label)}</data><data key="nkind">${n.kind}</data></node>`,
    );
  }
  edges.forEach((e, i) => {
    const period = [
      e.validFrom ? `<data key="from">${e.validFrom}</data>` : '',
      e.validTo ? `<data key="to">${e.validTo}</data>` : '',
    ].join('');
    lines.push(
      `    <edge id="e${i + 1}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"><data key="ekind">${e.kind}</data>${period}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/**
 * The edge list as CSV (RFC 4180, comma, CRLF) with the labels beside the ids, the form Gephi and
 * igraph read: source,target,source_label,target_label,kind,valid_from,valid_to.
 */
export function toEdgeCsv(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const label = new Map(nodes.map((n) => [n.id, n.label]));
  const rows = [
    ['source', 'target', 'source_label', 'target_label', 'kind', 'valid_from', 'valid_to'],
  ];
  for (const e of edges) {
    rows.push([
      e.source,
      e.target,
      label.get(e.source) ?? '',
      label.get(e.target) ?? '',
      e.kind,
      e.validFrom ?? '',
      e.validTo ?? '',
    ]);
  }
  return toCsv(rows, { delimiter: ',', decimalComma: false, bom: false });
}

/**
 * Positions on a circle (x, y in 0–1), bodies first, then organisations by label, so the same graph
 * always looks the same; a single node sits in the middle.
 */
export function circularLayout(nodes: readonly GraphNode[]): Map<string, { x: number; y: number }> {
  const ordered = [...nodes].sort((a, b) =>
    a.kind === b.kind ? a.label.localeCompare(b.label, 'de') : a.kind === 'body' ? -1 : 1,
  );
  const out = new Map<string, { x: number; y: number }>();
  if (ordered.length === 1) out.set(ordered[0]!.id, { x: 0.5, y: 0.5 });
  else
    ordered.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / ordered.length - Math.PI / 2;
      out.set(n.id, { x: 0.5 + 0.45 * Math.cos(angle), y: 0.5 + 0.45 * Math.sin(angle) });
    });
  return out;
}
