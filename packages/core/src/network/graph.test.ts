// GraphML and CSV export of the actor network, and the circular layout.
import { describe, expect, it } from 'vitest';
import {
  circularLayout,
  GRAPHML_NAMESPACE,
  toEdgeCsv,
  toGraphml,
  type GraphNode,
} from './graph.ts';

const nodes: GraphNode[] = [
  { id: 'o1', kind: 'organisation', label: 'AWO <Mitte> & Co' },
  { id: 'o2', kind: 'organisation', label: 'Kita "Sonne", Berlin' },
  { id: 'b1', kind: 'body', label: 'AG 78' },
];
const edges = [
  { source: 'o1', target: 'o2', kind: 'projekt' as const, validFrom: '2024-01-01', validTo: null },
  { source: 'o1', target: 'b1', kind: 'mitgliedschaft' as const, validFrom: null, validTo: null },
];

describe('toGraphml', () => {
  it('writes an undirected graph in the GraphML namespace with escaped labels', () => {
    const xml = toGraphml(nodes, edges);
    expect(xml).toContain(`<graphml xmlns="${GRAPHML_NAMESPACE}"`);
    expect(xml).toContain('edgedefault="undirected"');
    expect(xml).toContain('<data key="label">AWO &lt;Mitte&gt; &amp; Co</data>');
    expect(xml).toContain(
      '<edge id="e1" source="o1" target="o2"><data key="ekind">projekt</data><data key="from">2024-01-01</data></edge>',
    );
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(2);
  });
});

describe('toEdgeCsv', () => {
  it('writes one row per edge with labels, quoting commas and quotes (RFC 4180)', () => {
    const csv = toEdgeCsv(nodes, edges);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('source,target,source_label,target_label,kind,valid_from,valid_to');
    expect(lines[1]).toBe('o1,o2,AWO <Mitte> & Co,"Kita ""Sonne"", Berlin",projekt,2024-01-01,');
    expect(lines[2]).toBe('o1,b1,AWO <Mitte> & Co,AG 78,mitgliedschaft,,');
    expect(lines).toHaveLength(4);
  });
});

describe('circularLayout', () => {
  it('puts bodies first at the top and every node on the circle of radius 0.45', () => {
    const pos = circularLayout(nodes);
    expect(pos.get('b1')).toEqual({ x: 0.5, y: 0.5 - 0.45 });
    for (const p of pos.values()) expect(Math.hypot(p.x - 0.5, p.y - 0.5)).toBeCloseTo(0.45, 9);
  });
  it('places a single node in the middle', () => {
    expect(circularLayout([nodes[0]!]).get('o1')).toEqual({ x: 0.5, y: 0.5 });
  });
});
