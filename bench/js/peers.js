// SPDX-License-Identifier: MIT
// dagre and elkjs on a layout input written by bench_layout --export-input: the same boxes and
// edges AtenScope's engines get. Prints one JSON line per engine: time (best of R), size.
// Usage: node --stack-size=65500 peers.js INPUT.json [dagre] [elk] [--repeat R]
'use strict';
const fs = require('fs');
const args = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(args[0], 'utf8'));
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 1;
const engines = args.filter((a) => a === 'dagre' || a === 'elk');

function runDagre() {
    const dagre = require('dagre');
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 36 });
    g.setDefaultEdgeLabel(() => ({}));
    input.nodes.forEach((n, i) => g.setNode(String(i), { width: n[0], height: n[1] }));
    input.edges.forEach(([a, b], i) => g.setEdge(String(a), String(b), {}, String(i)));
    dagre.layout(g);
    return { width: g.graph().width, height: g.graph().height };
}

async function runElk() {
    const ELK = require('elkjs/lib/elk.bundled.js');
    const elk = new ELK();
    const graph = {
        id: 'root',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.spacing.nodeNode': '18',
                         'elk.layered.spacing.nodeNodeBetweenLayers': '36' },
        children: input.nodes.map((n, i) => ({ id: 'n' + i, width: n[0], height: n[1] })),
        edges: input.edges.map(([a, b], i) => ({ id: 'e' + i, sources: ['n' + a], targets: ['n' + b] })),
    };
    const out = await elk.layout(graph);
    return { width: out.width, height: out.height };
}

(async () => {
    for (const name of engines) {
        let best = Infinity, size = null;
        for (let r = 0; r < repeat; ++r) {
            const t0 = process.hrtime.bigint();
            size = name === 'dagre' ? runDagre() : await runElk();
            best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
        }
        console.log(JSON.stringify({ engine: name, nodes: input.nodes.length, edges: input.edges.length, ms: Math.round(best * 10) / 10,
                                     width: Math.round(size.width), height: Math.round(size.height) }));
    }
})();
