import { useId, useMemo } from 'react';
import { api, ok } from '../../api/client';
import { Show, useLoad } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { type DatasetDoc, datasetGraph, type GraphNode, NODE_WIDTH } from './datasetGraph';

/** Every dataset's collections and references as one picture, the chosen dataset's collections emphasised. */
export function DatasetGraph({ focus }: { focus: string }) {
  const loaded = useLoad(async () => ok(await api.GET('/api/register/datasets')), []);
  return (
    <Show loaded={loaded}>
      {(list) => <Graph datasets={list.map((d) => d.doc as unknown as DatasetDoc)} focus={focus} />}
    </Show>
  );
}

function Graph({ datasets, focus }: { datasets: DatasetDoc[]; focus: string }) {
  const { t } = useI18n();
  const id = useId();
  const graph = useMemo(() => datasetGraph(datasets), [datasets]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const unreachable = graph.nodes.filter((n) => n.level === null && n.dataset === focus);
  const anchor = (n: GraphNode, side: 'in' | 'out') => ({
    x: side === 'out' ? n.x + NODE_WIDTH : n.x,
    y: n.y + n.height / 2,
  });
  return (
    <section className="dataset-graph" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('reg.graph.title')}</h3>
      <p className="hint">{t('reg.graph.hint')}</p>
      {unreachable.length > 0 && (
        <p className="warn" role="note">
          {t('reg.graph.unreachable', { list: unreachable.map((n) => n.collection).join(', ') })}
        </p>
      )}
      {/* Wide graphs scroll; the region takes focus so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="graph-scroll" tabIndex={0} aria-label={t('reg.graph.title')}>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width={graph.width}
          height={graph.height}
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          data-testid="dataset-graph"
        >
          <title>{t('reg.graph.title')}</title>
          <desc id={`${id}-desc`}>
            {t('reg.graph.desc', { nodes: graph.nodes.length, edges: graph.edges.length })}
          </desc>
          <defs>
            <marker
              id={`${id}-arrow`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const from = byId.get(e.from) as GraphNode;
            const to = byId.get(e.to) as GraphNode;
            const forward = from.x <= to.x;
            const a = anchor(from, forward ? 'out' : 'in');
            const b = anchor(to, forward ? 'in' : 'out');
            const bend = Math.max(30, Math.abs(b.x - a.x) / 2) * (forward ? 1 : -1);
            return (
              <path
                key={`${e.from}-${e.to}-${e.label}`}
                className={e.directed ? 'edge' : 'edge undirected'}
                d={`M${a.x},${a.y} C${a.x + bend},${a.y} ${b.x - bend},${b.y} ${b.x},${b.y}`}
                markerEnd={e.directed ? `url(#${id}-arrow)` : undefined}
              >
                <title>{e.label}</title>
              </path>
            );
          })}
          {graph.nodes.map((n) => (
            <g
              key={n.id}
              className={`node${n.dataset === focus ? ' focus' : ''}${n.level === null ? ' unreachable' : ''}`}
              transform={`translate(${n.x},${n.y})`}
            >
              <rect width={NODE_WIDTH} height={n.height} rx="6" />
              <text x="10" y="20" className="name">
                {n.collection}
              </text>
              <text x="10" y="36" className="dataset">
                {n.dataset}
              </text>
              {n.identities.map((identity, i) => (
                <text key={identity} x="10" y={54 + i * 16} className="identity">
                  ⚷ {identity}
                </text>
              ))}
            </g>
          ))}
        </svg>
      </section>
      <details>
        <summary>{t('reg.graph.asTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reg.graph.from')}</th>
                <th scope="col">{t('reg.graph.to')}</th>
                <th scope="col">{t('reg.graph.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {graph.edges.map((e) => (
                <tr key={`${e.from}-${e.to}-${e.label}`}>
                  <td>{e.from}</td>
                  <td>
                    {e.directed ? '→' : '↔'} {e.to}
                  </td>
                  <td>{e.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
