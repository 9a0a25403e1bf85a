// The actor network (issue 12 § 2): link kinds, GraphML and CSV export, circular layout.
export type { LinkKind, GraphNode, GraphEdge } from './graph.ts';
export {
  LINK_KINDS,
  LINK_KIND_NAMES_DE,
  GRAPHML_NAMESPACE,
  escapeXml,
  toGraphml,
  toEdgeCsv,
  circularLayout,
} from './graph.ts';
