// peerlab demo: draws what the server streams over /ws (docs/demo.md). No polling: the page only
// reacts to frames, and to the user's clicks (controls and peer state are small JSON calls).
(function () {
  'use strict';
  const SIZE = 480, R = 200, C = SIZE / 2;
  const HISTORY = 120;        // chart samples kept (one per frame)
  const PATH_FRAMES = 40;     // an op's path stays this many frames after its last message
  const PATHS = 4;            // paths drawn at once: the most recent client ops
  const CLIENT_OP = /^(lookup|search|fetch)#/;
  const UPLOAD_FRAMES = 8;    // an upload arrow stays this many frames
  const panels = [];
  let selected = null;        // {panel, id}
  let socket = null;

  const status = (text) => { document.getElementById('status').textContent = text; };
  const hopColor = d3.scaleSequential(d3.interpolateTurbo).domain([0, 8]);
  const opColor = d3.scaleOrdinal(d3.schemeTableau10);
  const bucketColor = d3.scaleSequential(d3.interpolateViridis).domain([150, 160]);

  // ---- controls ----
  function control(action, extra) {
    const q = new URLSearchParams(Object.assign({ action: action }, extra || {}));
    return fetch('/api/control?' + q, { method: 'POST' })
      .then((r) => r.json())
      .then((j) => { status(j.message); return j; });
  }
  document.getElementById('start').onclick = () => control('start');
  document.getElementById('pause').onclick = () => control('pause');
  document.getElementById('step').onclick = () => control('step');
  document.getElementById('set-slowdown').onclick = () =>
    control('slowdown', { value: document.getElementById('slowdown').value });
  document.getElementById('kill').onclick = () => {
    if (!selected) { status('click a peer first, then Kill peer'); return; }
    control('kill', { panel: selected.panel, peer: selected.id });
  };
  document.getElementById('kill-server').onclick = () => control('kill-server');
  document.getElementById('add-peers').onclick = () => control('add-peers');
  document.getElementById('flash-crowd').onclick = () => control('flash-crowd');

  // ---- panels ----
  function build(desc) {
    const root = d3.select('#panels').append('div').attr('class', 'panel').attr('id', 'panel-' + desc.id);
    root.append('h2').html(desc.title + ' <small>' + desc.view + ' view, ' + desc.peers.length + ' peers</small>');
    const svg = root.append('svg').attr('class', 'view').attr('viewBox', '0 0 ' + SIZE + ' ' + SIZE);
    svg.append('defs').append('marker').attr('id', 'arrow').attr('viewBox', '0 0 10 10')
      .attr('refX', 10).attr('refY', 5).attr('markerWidth', 6).attr('markerHeight', 6).attr('orient', 'auto')
      .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', '#f18f01');
    const p = {
      desc: desc, root: root, svg: svg, id: desc.id, killed: new Set(), pos: new Map(),
      edges: new Map(), paths: new Map(), uploads: [], have: new Map(), wave: new Map(), waveOp: null, waveLast: -100,
      hist: { ops: [], p50: [], p99: [], share: [] }, frame: 0, state: null,
    };
    p.gEdges = svg.append('g');
    if (desc.view === 'chord' || desc.view === 'kademlia') {
      svg.append('circle').attr('class', 'ring').attr('cx', C).attr('cy', C).attr('r', R);
    }
    p.gPaths = svg.append('g');
    p.gUploads = svg.append('g');
    p.gSel = svg.append('g');
    p.gPeers = svg.append('g');
    layout(p);
    const counters = root.append('div').attr('class', 'counters');
    for (const [key, label] of [['completed', 'ops done'], ['opsPerSec', 'ops/s'], ['p50Ms', 'p50 ms'],
      ['p99Ms', 'p99 ms'], ['serverShare', 'server share'], ['messages', 'messages'], ['failed', 'failed'],
      ['inFlight', 'in flight'], ['killed', 'killed'], ['dropped', 'dropped']]) {
      const c = counters.append('div').attr('class', 'counter');
      c.append('b').attr('id', 'p' + desc.id + '-' + key).text('0');
      c.append('span').text(label);
    }
    const charts = root.append('div').attr('class', 'charts');
    p.charts = {};
    for (const [key, label] of [['ops', 'ops/s'], ['lat', 'latency p50 / p99'], ['share', 'server share of upload']]) {
      const ch = charts.append('div').attr('class', 'chart');
      ch.append('div').text(label);
      const s = ch.append('svg').attr('viewBox', '0 0 120 38').attr('preserveAspectRatio', 'none');
      p.charts[key] = [s.append('path'), s.append('path').attr('class', 'p99')];
    }
    p.types = charts.append('div').attr('class', 'chart types');
    if (desc.grid && desc.pieces > 0) {
      const clients = desc.peers.filter((q) => !q.server);
      const cw = Math.max(4, Math.min(24, Math.floor(SIZE / desc.pieces)));
      const ch = Math.max(4, Math.min(14, Math.floor(240 / clients.length)));
      p.grid = root.append('svg').attr('class', 'grid')
        .attr('viewBox', '0 0 ' + (40 + cw * desc.pieces) + ' ' + (ch * clients.length + 2));
      clients.forEach((q, row) => {
        p.grid.append('text').attr('class', 'label').attr('x', 0).attr('y', row * ch + ch - 1).text('peer ' + q.id);
        for (let k = 0; k < desc.pieces; k++) {
          p.grid.append('rect').attr('class', 'cell').attr('id', 'cell-' + desc.id + '-' + q.id + '-' + k)
            .attr('x', 40 + k * cw).attr('y', row * ch).attr('width', cw - 1).attr('height', ch - 1);
        }
      });
    }
    for (const [a, b] of desc.links || []) p.edges.set(a + '-' + b, [a, b]);
    if (p.sim && p.edges.size > 0) {
      p.sim.force('link').links(Array.from(p.edges.values()).map((e) => ({ source: e[0], target: e[1] })));
      p.sim.alpha(1).restart();
    }
    drawPeers(p); drawEdges(p);
    return p;
  }

  function layout(p) {
    const peers = p.desc.peers;
    if (p.desc.view === 'chord' || p.desc.view === 'kademlia') {
      for (const q of peers) {
        const a = q.pos * 2 * Math.PI - Math.PI / 2;
        p.pos.set(q.id, [C + R * Math.cos(a), C + R * Math.sin(a)]);
      }
    } else if (p.desc.view === 'star') {
      const servers = peers.filter((q) => q.server), clients = peers.filter((q) => !q.server);
      servers.forEach((q, i) => p.pos.set(q.id, [C + (i - (servers.length - 1) / 2) * 30, C]));
      clients.forEach((q, i) => {
        const a = (i / clients.length) * 2 * Math.PI - Math.PI / 2;
        p.pos.set(q.id, [C + R * Math.cos(a), C + R * Math.sin(a)]);
      });
    } else {
      // graph: start on a circle; edges arrive with the messages and a force layout settles them
      peers.forEach((q, i) => {
        const a = (i / peers.length) * 2 * Math.PI;
        p.pos.set(q.id, [C + R * 0.8 * Math.cos(a), C + R * 0.8 * Math.sin(a)]);
      });
      p.nodes = peers.map((q) => ({ id: q.id, x: p.pos.get(q.id)[0], y: p.pos.get(q.id)[1] }));
      p.sim = d3.forceSimulation(p.nodes)
        .force('charge', d3.forceManyBody().strength(-40))
        .force('center', d3.forceCenter(C, C))
        .force('x', d3.forceX(C).strength(0.04)).force('y', d3.forceY(C).strength(0.04))
        .force('link', d3.forceLink([]).id((d) => d.id).distance(40).strength(0.3))
        .on('tick', () => {
          for (const n of p.nodes) {
            n.x = Math.max(12, Math.min(SIZE - 12, n.x)); n.y = Math.max(12, Math.min(SIZE - 12, n.y));
            p.pos.set(n.id, [n.x, n.y]);
          }
          drawPeers(p); drawEdges(p);
        });
    }
  }

  function peerFill(p, q) {
    if (p.wave.has(q.id)) return hopColor(p.wave.get(q.id));
    if (q.server) return '#e4572e';
    if (p.state && p.desc.view === 'kademlia' && p.state.bucketOf && p.state.bucketOf.has(q.id)) {
      return bucketColor(p.state.bucketOf.get(q.id));
    }
    return '#5c7c99';
  }

  function drawPeers(p) {
    const live = p.desc.peers.filter((q) => !p.killed.has(q.id));
    const sel = p.gPeers.selectAll('circle.peer').data(live, (q) => q.id);
    sel.exit().remove();
    sel.enter().append('circle').attr('class', 'peer')
      .attr('data-id', (q) => q.id)
      .attr('r', (q) => (q.server ? 9 : 6))
      .on('click', (ev, q) => select(p, q.id))
      .append('title').text((q) => 'peer ' + q.id + ' (' + q.role + ')  key ' + q.key.slice(0, 10) + '…');
    p.gPeers.selectAll('circle.peer')
      .attr('class', (q) => 'peer' + (q.server ? ' server' : '')
        + (selected && selected.panel === p.id && selected.id === q.id ? ' selected' : ''))
      .attr('cx', (q) => p.pos.get(q.id)[0]).attr('cy', (q) => p.pos.get(q.id)[1])
      .attr('fill', (q) => peerFill(p, q))
      .attr('data-hop', (q) => (p.wave.has(q.id) ? p.wave.get(q.id) : null));
  }

  function drawEdges(p) {
    if (p.desc.view !== 'graph') return;
    const list = Array.from(p.edges.values())
      .filter((e) => !p.killed.has(e[0]) && !p.killed.has(e[1]));
    const sel = p.gEdges.selectAll('line.edge').data(list, (e) => e[0] + '-' + e[1]);
    sel.exit().remove();
    sel.enter().append('line').attr('class', 'edge').merge(sel)
      .attr('x1', (e) => p.pos.get(e[0])[0]).attr('y1', (e) => p.pos.get(e[0])[1])
      .attr('x2', (e) => p.pos.get(e[1])[0]).attr('y2', (e) => p.pos.get(e[1])[1]);
  }

  // A curved hop from a to b, bending towards the centre so ring hops read as chords.
  function arc(p, a, b) {
    const [x1, y1] = p.pos.get(a), [x2, y2] = p.pos.get(b);
    const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
    const cx = mx + (C - mx) * 0.35, cy = my + (C - my) * 0.35;
    return 'M' + x1 + ',' + y1 + 'Q' + cx + ',' + cy + ' ' + x2 + ',' + y2;
  }

  function drawPaths(p) {
    const hops = [];
    for (const [op, path] of p.paths) {
      path.edges.forEach((e, i) => hops.push({ key: op + ':' + i, op: op, from: e[0], to: e[1], hop: e[2], age: p.frame - path.last }));
    }
    const sel = p.gPaths.selectAll('path.path-hop').data(hops.filter((h) => p.pos.has(h.from) && p.pos.has(h.to)),
      (h) => h.key);
    sel.exit().remove();
    sel.attr('opacity', (h) => Math.max(0.15, 1 - h.age / PATH_FRAMES));
    sel.enter().append('path').attr('class', 'path-hop')
      .attr('data-op', (h) => h.op)
      .attr('stroke', (h) => (h.hop >= 0 ? hopColor(h.hop) : opColor(h.op)))
      .attr('d', (h) => arc(p, h.from, h.to))
      .append('title').text((h) => h.op + ' hop ' + h.hop + ': ' + h.from + ' → ' + h.to);
  }

  function drawUploads(p) {
    const sel = p.gUploads.selectAll('line.upload').data(p.uploads, (u) => u.key);
    sel.exit().remove();
    sel.enter().append('line').attr('class', 'upload').attr('data-from', (u) => u.from)
      .attr('x1', (u) => p.pos.get(u.from)[0]).attr('y1', (u) => p.pos.get(u.from)[1])
      .attr('x2', (u) => p.pos.get(u.to)[0]).attr('y2', (u) => p.pos.get(u.to)[1]);
  }

  function drawSelection(p) {
    p.gSel.selectAll('*').remove();
    if (!selected || selected.panel !== p.id || !p.state) return;
    const me = selected.id, s = p.state;
    if (!p.pos.has(me)) return;
    if (s.fingers) {
      for (const f of s.fingers) {
        if (f.peer !== me && p.pos.has(f.peer)) p.gSel.append('path').attr('class', 'finger').attr('d', arc(p, me, f.peer));
      }
      for (const q of s.successorList || []) {
        if (q !== me && p.pos.has(q)) p.gSel.append('path').attr('class', 'succ').attr('d', arc(p, me, q));
      }
    }
    if (s.buckets) {
      for (const b of s.buckets) {
        for (const q of b.contacts) {
          if (p.pos.has(q)) {
            p.gSel.append('path').attr('class', 'contact').attr('stroke', bucketColor(b.index)).attr('d', arc(p, me, q));
          }
        }
      }
    }
  }

  function select(p, id) {
    selected = { panel: p.id, id: id };
    document.getElementById('sel-label').textContent = id + ' in ' + p.desc.title;
    panels.forEach((o) => { o.state = null; drawSelection(o); drawPeers(o); });
    fetch('/api/peer?panel=' + p.id + '&id=' + id).then((r) => r.json()).then((s) => {
      document.getElementById('peer-state').textContent = JSON.stringify(s, null, 1);
      if (s.buckets) {
        s.bucketOf = new Map();
        s.buckets.forEach((b) => b.contacts.forEach((c) => s.bucketOf.set(c, b.index)));
      }
      p.state = s;
      drawSelection(p); drawPeers(p);
    });
  }

  // ---- frames ----
  function onFrame(f, p) {
    p.frame++;
    for (const k of f.killed) {
      if (!p.killed.has(k) && selected && selected.panel === p.id && selected.id === k) {
        p.state = null; drawSelection(p);
      }
    }
    p.killed = new Set(f.killed);   // add-peers brings killed peers back
    let newEdges = false;
    for (const e of f.events) {
      if (!p.pos.has(e.from) || !p.pos.has(e.to)) continue;
      if (e.bytes > 0) {
        p.uploads.push({ key: p.frame + ':' + p.uploads.length + ':' + e.from + '>' + e.to, from: e.from, to: e.to, frame: p.frame });
        if (e.chunk >= 0) {
          p.have.set(e.to + '-' + e.chunk, true);
          const cell = document.getElementById('cell-' + p.id + '-' + e.to + '-' + e.chunk);
          if (cell) cell.classList.add('have');
        }
        continue;
      }
      if (p.desc.view === 'graph' && e.from !== e.to) {
        const key = Math.min(e.from, e.to) + '-' + Math.max(e.from, e.to);
        if (!p.edges.has(key)) { p.edges.set(key, [Math.min(e.from, e.to), Math.max(e.from, e.to)]); newEdges = true; }
      }
      if (CLIENT_OP.test(e.op) && e.from !== e.to) {
        let path = p.paths.get(e.op);
        if (!path) { path = { edges: [], last: p.frame }; p.paths.set(e.op, path); }
        path.edges.push([e.from, e.to, e.hops]);
        path.last = p.frame;
        if (p.desc.view === 'graph' && e.hops >= 0) {
          // One query's wave at a time: the next one once the current has been quiet a second.
          if (p.waveOp !== e.op && p.frame - p.waveLast > 10) { p.waveOp = e.op; p.wave.clear(); }
          if (p.waveOp === e.op) {
            p.waveLast = p.frame;
            if (!p.wave.has(e.to)) p.wave.set(e.to, e.hops + 1);
          }
        }
      }
    }
    for (const [op, path] of p.paths) if (p.frame - path.last > PATH_FRAMES) p.paths.delete(op);
    if (p.paths.size > PATHS) {
      const old = Array.from(p.paths.entries()).sort((a, b) => a[1].last - b[1].last);
      old.slice(0, p.paths.size - PATHS).forEach(([op]) => p.paths.delete(op));
    }
    p.uploads = p.uploads.filter((u) => p.frame - u.frame <= UPLOAD_FRAMES);
    if (newEdges && p.sim) {
      p.sim.force('link').links(Array.from(p.edges.values()).map((e) => ({ source: e[0], target: e[1] })));
      p.sim.alpha(0.3).restart();
    }
    drawPeers(p); drawEdges(p); drawPaths(p); drawUploads(p);
    counters(p, f.stats, f.killed.length);
  }

  function counters(p, s, killed) {
    const set = (k, v) => { document.getElementById('p' + p.id + '-' + k).textContent = v; };
    set('completed', s.completed); set('opsPerSec', s.opsPerSec); set('p50Ms', s.p50Ms); set('p99Ms', s.p99Ms);
    set('serverShare', Math.round(s.serverShare * 100) + '%'); set('messages', s.messages);
    set('failed', s.failed); set('inFlight', s.inFlight); set('killed', killed); set('dropped', s.eventsDropped);
    const h = p.hist;
    h.ops.push(s.opsPerSec); h.p50.push(s.p50Ms); h.p99.push(s.p99Ms); h.share.push(s.serverShare);
    for (const a of [h.ops, h.p50, h.p99, h.share]) if (a.length > HISTORY) a.shift();
    spark(p.charts.ops[0], h.ops, d3.max(h.ops) || 1);
    const lmax = d3.max(h.p99) || 1;
    spark(p.charts.lat[0], h.p50, lmax); spark(p.charts.lat[1], h.p99, lmax);
    spark(p.charts.share[0], h.share, 1);
    const types = Object.entries(s.messagesByType).sort((a, b) => b[1] - a[1]).slice(0, 6);
    const max = types.length ? types[0][1] : 1;
    const rows = p.types.selectAll('div.row').data(types, (t) => t[0]);
    rows.exit().remove();
    const enter = rows.enter().append('div').attr('class', 'row');
    enter.append('span').attr('class', 'bar');
    enter.append('span').attr('class', 'name');
    const all = enter.merge(rows).order();
    all.select('.bar').style('width', (t) => Math.max(1, Math.round(60 * t[1] / max)) + 'px');
    all.select('.name').text((t) => t[0] + ' ' + t[1]);
  }

  function spark(path, values, max) {
    const x = d3.scaleLinear().domain([0, HISTORY - 1]).range([0, 120]);
    const y = d3.scaleLinear().domain([0, max]).range([36, 2]);
    path.attr('d', d3.line().x((v, i) => x(i)).y((v) => y(v))(values));
  }

  function connect() {
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket.onmessage = (m) => {
      const f = JSON.parse(m.data);
      if (f.type === 'hello') {
        if (panels.length === 0) f.panels.forEach((d) => panels.push(build(d)));
        document.getElementById('slowdown').value = f.slowdown;
        status(f.started ? 'running' : 'ready: press Start');
        return;
      }
      f.panels.forEach((pf) => onFrame(pf, panels[pf.id]));
      document.body.dataset.frames = String((+document.body.dataset.frames || 0) + 1);
      if (f.done) status('done: every script has run');
    };
    socket.onclose = () => status('disconnected from the demo');
  }
  connect();
}());
