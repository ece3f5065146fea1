/*
 * dagflow timeline renderer: draws an execution timeline (the JSON of io.dagflow.timeline.Timeline)
 * as a Gantt chart of attempts and as a dependency graph, with details on click.
 *
 * No network access beyond an optional same-origin URL, no libraries, no inline handlers, no
 * innerHTML with data: it runs under a strict Content-Security-Policy (Jenkins) and as a local file.
 *
 * Usage: an element with the attribute data-dag-timeline, and either
 *   - data-timeline-url="..."  (the JSON is fetched from there), or
 *   - a <script type="application/json" id="dag-timeline-data"> element holding the JSON
 *     (another id can be named with data-timeline-source="...").
 * Then load this file with <script src>. window.DagTimeline.render(element, data) draws on demand.
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var ROW_HEIGHT = 22;
  var BAR_HEIGHT = 12;
  var AXIS_HEIGHT = 28;
  var GRAPH_NODE_WIDTH = 168;
  var GRAPH_NODE_HEIGHT = 30;
  var GRAPH_GAP_X = 56;
  var GRAPH_GAP_Y = 14;
  var instanceCount = 0;

  // ---------- errors: visible on the page, so that a broken render never looks like an empty one

  function reportError(message) {
    var existing = document.getElementById('dag-timeline-error');
    var box = existing || document.createElement('div');
    if (!existing) {
      box.id = 'dag-timeline-error';
      box.className = 'dt-error';
      box.setAttribute('role', 'alert');
      (document.body || document.documentElement).appendChild(box);
    }
    box.appendChild(document.createTextNode('Timeline error: ' + message + '\n'));
  }

  window.addEventListener('error', function (event) {
    reportError('Uncaught ' + (event.message || event.error || 'error'));
  });

  // ---------- small DOM helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(tag, attributes, className) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attributes) {
      for (var name in attributes) {
        if (Object.prototype.hasOwnProperty.call(attributes, name)) {
          node.setAttribute(name, attributes[name]);
        }
      }
    }
    if (className) {
      node.setAttribute('class', className);
    }
    return node;
  }

  function svgTitle(parent, text) {
    var title = svg('title');
    title.textContent = text;
    parent.appendChild(title);
  }

  // ---------- formatting, as the text renderer does it

  function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) {
      return '-';
    }
    if (ms < 0) {
      return '-' + duration(-ms);
    }
    if (ms < 1000) {
      return Math.round(ms) + 'ms';
    }
    if (ms < 60000) {
      var tenths = Math.round(ms / 100);
      return tenths % 10 === 0 ? (tenths / 10) + 's' : Math.floor(tenths / 10) + '.' + (tenths % 10) + 's';
    }
    var seconds = Math.round(ms / 1000);
    if (seconds < 3600) {
      return Math.floor(seconds / 60) + 'm' + pad2(seconds % 60) + 's';
    }
    var minutes = Math.floor(seconds / 60);
    return Math.floor(minutes / 60) + 'h' + pad2(minutes % 60) + 'm';
  }

  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function timestamp(ms) {
    if (ms === null || ms === undefined) {
      return '-';
    }
    return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
  }

  function firstLine(text) {
    if (!text) {
      return '';
    }
    var newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + ' ...';
  }

  function clip(text, max) {
    return text.length <= max ? text : text.substring(0, max - 1) + '\u2026';
  }

  // ---------- the model derived from the JSON

  function prepare(data) {
    if (!data || !Array.isArray(data.nodes)) {
      throw new Error('the timeline data has no "nodes" list');
    }
    var byId = {};
    data.resumes = data.resumes || [];
    var restarted = false;
    data.nodes.forEach(function (node, index) {
      node.index = index;
      node.attempts = node.attempts || [];
      node.attempts.forEach(function (attempt) {
        attempt.restarts = attempt.restarts || [];
        restarted = restarted || attempt.restarts.length > 0;
      });
      node.dependencies = node.dependencies || [];
      byId[node.id] = node;
    });
    var critical = {};
    (data.critical_path || []).forEach(function (id) {
      critical[id] = true;
    });
    var end = data.ended_at !== undefined && data.ended_at !== null ? data.ended_at : data.observed_at;
    return {
      data: data,
      byId: byId,
      critical: critical,
      restarted: restarted,
      start: data.started_at,
      end: Math.max(end, data.started_at + 1)
    };
  }

  // ---------- header, tabs, legend

  function statusBadge(status) {
    return el('span', 'dt-badge dt-badge-' + status, status);
  }

  function header(model) {
    var data = model.data;
    var box = el('div', 'dt-header');
    var title = el('h2', 'dt-title');
    title.appendChild(el('span', 'dt-workflow', data.workflow_name || '(unnamed workflow)'));
    title.appendChild(el('span', 'dt-execution', data.execution_id));
    title.appendChild(statusBadge(data.status));
    title.appendChild(el('span', 'dt-duration', duration(data.duration_ms)));
    box.appendChild(title);

    var facts = el('div', 'dt-facts');
    facts.appendChild(el('span', null, 'started ' + timestamp(data.started_at)));
    if (data.ended_at !== undefined && data.ended_at !== null) {
      facts.appendChild(el('span', null, 'ended ' + timestamp(data.ended_at)));
    } else {
      facts.appendChild(el('span', null, 'running, as of ' + timestamp(data.observed_at)));
    }
    if (data.rerun_of) {
      facts.appendChild(el('span', null, 'rerun of ' + data.rerun_of));
    }
    data.resumes.forEach(function (resume) {
      facts.appendChild(el('span', 'dt-resumed', resumeText(resume, model)));
    });
    (data.unserved_queues || []).forEach(function (unserved) {
      facts.appendChild(el('span', 'dt-unserved', 'no worker was serving queue \'' + unserved.queue + '\' at '
        + relative(model, unserved.at) + ': ' + (unserved.waiting || []).join(', ') + ' waited for one'));
    });
    if (data.cancel_requested) {
      facts.appendChild(el('span', 'dt-cancel-requested', cancelText(data.cancel_requested, model)));
    }
    var counts = {};
    data.nodes.forEach(function (node) {
      counts[node.status] = (counts[node.status] || 0) + 1;
    });
    var summary = Object.keys(counts).sort().map(function (status) {
      return counts[status] + ' ' + status.toLowerCase();
    }).join(', ');
    facts.appendChild(el('span', null, data.nodes.length + ' nodes: ' + summary));
    box.appendChild(facts);
    if (data.reason) {
      box.appendChild(el('div', 'dt-reason', data.reason));
    }
    if (data.critical_path && data.critical_path.length) {
      var path = el('div', 'dt-critical-summary');
      path.appendChild(el('span', 'dt-critical-label', 'critical path'));
      var ids = data.critical_path;
      var shown = ids.length <= 12 ? ids
        : ids.slice(0, 5).concat(['\u2026 ' + (ids.length - 10) + ' more \u2026']).concat(ids.slice(ids.length - 5));
      path.appendChild(document.createTextNode(' ' + shown.join(' \u2192 ')));
      path.title = ids.join(' \u2192 ');
      box.appendChild(path);
    }
    return box;
  }

  function cancelText(cancel, model) {
    return (cancel.deadline ? 'deadline passed at ' : 'cancel requested at ') + relative(model, cancel.at)
      + (cancel.reason ? ': ' + cancel.reason : '');
  }

  function resumeText(resume, model) {
    return (resume.previous_owner || 'the orchestrator') + ' stopped after ' + relative(model, resume.last_event_at)
      + '; resumed at ' + relative(model, resume.at) + ' by ' + (resume.orchestrator || 'another orchestrator');
  }

  function legend(model) {
    var box = el('div', 'dt-legend');
    var entries = [['COMPLETED', 'completed'], ['FAILED', 'failed'], ['TIMED_OUT', 'timed out'],
      ['CANCELLED', 'cancelled'], ['RUNNING', 'running'], ['queued', 'queued'], ['backoff', 'retry wait'],
      ['reused', 'reused'], ['blocked', 'blocked'], ['SKIPPED', 'skipped'], ['critical', 'critical path']];
    if (model.restarted) {
      entries.push(['lost', 'lost run (started again)']);
    }
    if (model.data.resumes.length) {
      entries.push(['resumed', 'no orchestrator, then resumed']);
    }
    if (model.data.cancel_requested) {
      entries.push(['cancel', model.data.cancel_requested.deadline ? 'deadline passed' : 'cancel requested']);
    }
    entries.forEach(function (entry) {
      var item = el('span', 'dt-legend-item');
      item.appendChild(el('span', 'dt-swatch dt-swatch-' + entry[0]));
      item.appendChild(document.createTextNode(entry[1]));
      box.appendChild(item);
    });
    return box;
  }

  // ---------- Gantt chart

  function niceStep(span, targetTicks) {
    var raw = span / targetTicks;
    var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) {
        return steps[i] * power;
      }
    }
    return 10 * power;
  }

  /** The narrowest chart worth drawing, in pixels; narrower rooms scroll. */
  var MIN_CHART_WIDTH = 480;

  function ganttScale(model, width) {
    var longest = 0;
    model.data.nodes.forEach(function (node) {
      longest = Math.max(longest, node.id.length);
    });
    var labelWidth = Math.min(280, Math.max(110, longest * 7 + 40));
    var plotWidth = Math.max(200, width - labelWidth - 24);
    var span = model.end - model.start;
    return {
      labelWidth: labelWidth,
      plotWidth: plotWidth,
      width: labelWidth + plotWidth + 12,
      x: function (time) {
        var clamped = Math.min(Math.max(time, model.start), model.end);
        return labelWidth + (clamped - model.start) / span * plotWidth;
      }
    };
  }

  function axis(model, scale) {
    var chart = svg('svg', { width: scale.width, height: AXIS_HEIGHT }, 'dt-axis');
    var span = model.end - model.start;
    var step = niceStep(span, Math.max(2, Math.floor(scale.plotWidth / 110)));
    for (var t = 0; t <= span + 0.5; t += step) {
      var x = scale.x(model.start + t);
      chart.appendChild(svg('line', { x1: x, x2: x, y1: AXIS_HEIGHT - 8, y2: AXIS_HEIGHT }, 'dt-tick'));
      var label = svg('text', { x: x, y: AXIS_HEIGHT - 12, 'text-anchor': 'middle' }, 'dt-tick-label');
      label.textContent = t === 0 ? '0s' : duration(t);
      chart.appendChild(label);
    }
    chart.appendChild(svg('line', { x1: scale.labelWidth, x2: scale.labelWidth + scale.plotWidth,
      y1: AXIS_HEIGHT - 0.5, y2: AXIS_HEIGHT - 0.5 }, 'dt-axis-line'));
    return chart;
  }

  /** When the run that counts began: the last restart, else the start (the dispatch when unknown). */
  function runStart(attempt) {
    if (attempt.restarts.length) {
      return attempt.restarts[attempt.restarts.length - 1].at;
    }
    return attempt.started_at !== undefined && attempt.started_at !== null ? attempt.started_at : attempt.dispatched_at;
  }

  function restartText(model, restart) {
    return 'started again at ' + relative(model, restart.at) + ' on ' + restart.worker
      + (restart.previous_worker ? '; the run on ' + restart.previous_worker + ' was lost' : '');
  }

  function attemptTitle(node, attempt, model) {
    var lines = [node.id + ' attempt ' + attempt.attempt + ': ' + attempt.outcome];
    var end = attempt.ended_at !== undefined && attempt.ended_at !== null ? attempt.ended_at : model.data.observed_at;
    var from = runStart(attempt);
    if (from !== undefined && from !== null) {
      lines.push('ran ' + duration(end - from) + (attempt.worker ? ' on ' + attempt.worker : ''));
    }
    if (attempt.started_at && attempt.dispatched_at) {
      lines.push('queued ' + duration(attempt.started_at - attempt.dispatched_at));
    }
    attempt.restarts.forEach(function (restart) {
      lines.push(restartText(model, restart));
    });
    if (attempt.timeout_ms) {
      lines.push('timed out after ' + duration(attempt.timeout_ms));
    }
    if (attempt.error) {
      lines.push(firstLine(attempt.error));
    }
    return lines.join('\n');
  }

  function drawAttempts(row, node, model, scale, y) {
    var attempts = node.attempts;
    for (var i = 0; i < attempts.length; i++) {
      var attempt = attempts[i];
      var ended = attempt.ended_at !== undefined && attempt.ended_at !== null;
      var end = ended ? attempt.ended_at : model.end;
      var hasStart = attempt.started_at !== undefined && attempt.started_at !== null;
      var dispatched = attempt.dispatched_at !== undefined && attempt.dispatched_at !== null
        ? attempt.dispatched_at : (hasStart ? attempt.started_at : end);
      var runFrom = hasStart ? runStart(attempt) : (attempt.outcome === 'RUNNING' ? end : dispatched);
      var group = svg('g', {
        'data-node': node.id,
        'data-attempt': attempt.attempt,
        'data-outcome': attempt.outcome
      }, 'dt-attempt dt-' + attempt.outcome);
      var queuedX = scale.x(dispatched);
      var runX = scale.x(runFrom);
      var startX = hasStart ? scale.x(attempt.started_at) : runX;
      if (startX - queuedX >= 0.5) {
        group.appendChild(svg('rect', { x: queuedX, y: y + 6, width: startX - queuedX, height: BAR_HEIGHT - 6 },
          'dt-queued'));
      }
      if (attempt.restarts.length) {
        group.appendChild(svg('rect', { x: startX, y: y + 2, width: Math.max(1, runX - startX), height: BAR_HEIGHT - 4,
          'data-node': node.id, 'data-attempt': attempt.attempt }, 'dt-lost'));
        attempt.restarts.forEach(function (restart) {
          var restartX = scale.x(restart.at);
          var mark = svg('line', { x1: restartX, x2: restartX, y1: y - 3, y2: y + BAR_HEIGHT + 3,
            'data-node': node.id, 'data-attempt': attempt.attempt, 'data-worker': restart.worker || '' },
            'dt-restart-mark');
          svgTitle(mark, node.id + ' attempt ' + attempt.attempt + ' ' + restartText(model, restart));
          group.appendChild(mark);
        });
      }
      var endX = scale.x(end);
      var run = svg('rect', { x: runX, y: y, width: Math.max(2, endX - runX), height: BAR_HEIGHT, rx: 2 },
        'dt-run' + (attempt.outcome === 'TIMED_OUT' ? ' dt-timed-out' : ''));
      group.appendChild(run);
      if (attempt.outcome === 'TIMED_OUT') {
        group.appendChild(svg('line', { x1: endX, x2: endX, y1: y - 3, y2: y + BAR_HEIGHT + 3 }, 'dt-timeout-mark'));
      }
      svgTitle(group, attemptTitle(node, attempt, model));
      row.appendChild(group);
      if (attempt.retry_backoff_ms !== undefined && attempt.retry_backoff_ms !== null && ended) {
        var next = attempts[i + 1];
        var waitEnd = next && next.dispatched_at ? next.dispatched_at
          : Math.min(model.end, attempt.ended_at + attempt.retry_backoff_ms);
        var backoff = svg('line', { x1: endX, x2: scale.x(waitEnd), y1: y + BAR_HEIGHT / 2, y2: y + BAR_HEIGHT / 2,
          'data-node': node.id, 'data-after-attempt': attempt.attempt }, 'dt-backoff');
        svgTitle(backoff, 'retry wait ' + duration(attempt.retry_backoff_ms));
        row.appendChild(backoff);
      }
    }
  }

  function drawMarker(row, node, scale, y) {
    if (node.ended_at === undefined || node.ended_at === null) {
      return;
    }
    var x = scale.x(node.ended_at);
    var middle = y + BAR_HEIGHT / 2;
    var marker;
    if (node.reused) {
      marker = svg('polygon', { points: [x, middle - 6, x + 6, middle, x, middle + 6, x - 6, middle].join(' '),
        'data-node': node.id }, 'dt-reused-mark');
      svgTitle(marker, node.id + ' reused the result of ' + node.reused_from
        + (node.reused_from_attempt ? ' (attempt ' + node.reused_from_attempt + ')' : ''));
    } else if (node.status === 'BLOCKED') {
      marker = svg('path', { d: 'M' + (x - 5) + ' ' + (middle - 5) + 'L' + (x + 5) + ' ' + (middle + 5)
        + 'M' + (x + 5) + ' ' + (middle - 5) + 'L' + (x - 5) + ' ' + (middle + 5), 'data-node': node.id },
        'dt-blocked-mark');
      svgTitle(marker, node.id + ' blocked by ' + node.blocked_by);
    } else if (node.status === 'SKIPPED') {
      marker = svg('path', { d: 'M' + (x - 5) + ' ' + middle + 'L' + (x + 5) + ' ' + middle, 'data-node': node.id },
        'dt-skipped-mark');
      svgTitle(marker, node.id + ' skipped: ' + (node.skip_reason || 'its condition was false'));
    } else if (node.status === 'CANCELLED' && node.attempts.length === 0) {
      marker = svg('circle', { cx: x, cy: middle, r: 4, 'data-node': node.id }, 'dt-cancelled-mark');
      svgTitle(marker, node.id + ' cancelled before it ran');
    }
    if (marker) {
      row.appendChild(marker);
    }
  }

  function gantt(model, nodes, width, onSelect) {
    var scale = ganttScale(model, width);
    var box = el('div', 'dt-gantt');
    var axisBox = el('div', 'dt-axis-box');
    axisBox.appendChild(axis(model, scale));
    box.appendChild(axisBox);

    var height = nodes.length * ROW_HEIGHT + 8;
    var chart = svg('svg', { width: scale.width, height: height, role: 'img',
      'aria-label': 'Gantt chart of ' + nodes.length + ' nodes' }, 'dt-chart');
    var grid = svg('g', null, 'dt-grid');
    var span = model.end - model.start;
    var step = niceStep(span, Math.max(2, Math.floor(scale.plotWidth / 110)));
    for (var t = 0; t <= span + 0.5; t += step) {
      var gx = scale.x(model.start + t);
      grid.appendChild(svg('line', { x1: gx, x2: gx, y1: 0, y2: height }, 'dt-grid-line'));
    }
    chart.appendChild(grid);

    var rowY = {};
    nodes.forEach(function (node, index) {
      var top = index * ROW_HEIGHT + 4;
      rowY[node.id] = top;
      var critical = !!model.critical[node.id];
      var row = svg('g', { 'data-node': node.id, 'data-status': node.status, 'data-critical': String(critical) },
        'dt-row dt-row-' + node.status + (critical ? ' dt-critical' : '') + (index % 2 ? ' dt-odd' : ''));
      row.appendChild(svg('rect', { x: 0, y: top - 4, width: scale.width, height: ROW_HEIGHT }, 'dt-row-bg'));
      var label = svg('text', { x: 8, y: top + BAR_HEIGHT - 2 }, 'dt-label');
      label.textContent = clip(node.id, Math.floor((scale.labelWidth - 24) / 7));
      row.appendChild(label);
      var barY = top;
      drawAttempts(row, node, model, scale, barY);
      drawMarker(row, node, scale, barY);
      svgTitle(label, node.id + ' (' + node.handler + '): ' + node.status);
      chart.appendChild(row);
    });

    // Over the rows, so that a stretch when no orchestrator decided anything reads as the stop it was.
    model.data.resumes.forEach(function (resume) {
      var gapFrom = scale.x(resume.last_event_at);
      var resumedAt = scale.x(resume.at);
      var gap = svg('rect', { x: gapFrom, y: 0, width: Math.max(1, resumedAt - gapFrom), height: height,
        'data-resumed-by': resume.orchestrator || '' }, 'dt-resume-gap');
      svgTitle(gap, resumeText(resume, model));
      chart.appendChild(gap);
      var mark = svg('line', { x1: resumedAt, x2: resumedAt, y1: 0, y2: height,
        'data-resumed-by': resume.orchestrator || '' }, 'dt-resume-mark');
      svgTitle(mark, resumeText(resume, model));
      chart.appendChild(mark);
    });

    // When the stop was asked; each node's bar then shows when it really stopped.
    if (model.data.cancel_requested) {
      var askedAt = scale.x(model.data.cancel_requested.at);
      var asked = svg('line', { x1: askedAt, x2: askedAt, y1: 0, y2: height }, 'dt-cancel-mark');
      svgTitle(asked, cancelText(model.data.cancel_requested, model));
      chart.appendChild(asked);
    }

    var links = svg('g', null, 'dt-critical-links');
    var path = model.data.critical_path || [];
    for (var i = 1; i < path.length; i++) {
      var from = model.byId[path[i - 1]];
      var to = model.byId[path[i]];
      if (!from || !to || rowY[from.id] === undefined || rowY[to.id] === undefined) {
        continue;
      }
      var fromEnd = from.ended_at !== undefined && from.ended_at !== null ? from.ended_at : model.end;
      var toStart = to.first_at !== undefined && to.first_at !== null ? to.first_at : fromEnd;
      links.appendChild(svg('path', {
        d: 'M' + scale.x(fromEnd) + ' ' + (rowY[from.id] + BAR_HEIGHT / 2)
          + 'L' + scale.x(toStart) + ' ' + (rowY[to.id] + BAR_HEIGHT / 2),
        'data-from': from.id, 'data-to': to.id
      }, 'dt-critical-link'));
    }
    chart.appendChild(links);

    chart.addEventListener('click', function (event) {
      var target = event.target;
      while (target && target !== chart) {
        var id = target.getAttribute && target.getAttribute('data-node');
        if (id) {
          onSelect(id);
          return;
        }
        target = target.parentNode;
      }
    });
    var scroller = el('div', 'dt-chart-scroll');
    scroller.appendChild(chart);
    box.appendChild(scroller);
    return box;
  }

  // ---------- dependency graph: layers by longest path from a root, order by barycentres

  function layout(model) {
    var nodes = model.data.nodes;
    var count = nodes.length;
    var children = nodes.map(function () { return []; });
    var indegree = new Array(count).fill(0);
    nodes.forEach(function (node) {
      node.dependencies.forEach(function (dep) {
        var parent = model.byId[dep];
        if (parent) {
          children[parent.index].push(node.index);
          indegree[node.index]++;
        }
      });
    });
    var layer = new Array(count).fill(0);
    var queue = [];
    for (var i = 0; i < count; i++) {
      if (indegree[i] === 0) {
        queue.push(i);
      }
    }
    for (var head = 0; head < queue.length; head++) {
      var current = queue[head];
      children[current].forEach(function (child) {
        layer[child] = Math.max(layer[child], layer[current] + 1);
        if (--indegree[child] === 0) {
          queue.push(child);
        }
      });
    }
    if (queue.length < count) {
      throw new Error('the dependencies form a cycle; cannot lay out the graph');
    }
    var layers = [];
    nodes.forEach(function (node) {
      (layers[layer[node.index]] = layers[layer[node.index]] || []).push(node.index);
    });
    var position = new Array(count).fill(0);
    function number() {
      layers.forEach(function (members) {
        members.forEach(function (index, at) {
          position[index] = at;
        });
      });
    }
    number();
    function barycentre(index, neighbours) {
      if (!neighbours.length) {
        return position[index];
      }
      var sum = 0;
      neighbours.forEach(function (n) {
        sum += position[n];
      });
      return sum / neighbours.length;
    }
    var parents = nodes.map(function (node) {
      return node.dependencies.map(function (dep) { return model.byId[dep]; })
        .filter(Boolean).map(function (p) { return p.index; });
    });
    for (var sweep = 0; sweep < 2; sweep++) {
      for (var l = 1; l < layers.length; l++) {
        sortLayer(layers[l], parents);
      }
      for (var u = layers.length - 2; u >= 0; u--) {
        sortLayer(layers[u], children);
      }
    }
    function sortLayer(members, neighbourLists) {
      var keys = {};
      members.forEach(function (index) {
        keys[index] = barycentre(index, neighbourLists[index]);
      });
      members.sort(function (a, b) { return keys[a] - keys[b] || a - b; });
      members.forEach(function (index, at) {
        position[index] = at;
      });
    }
    var tallest = 0;
    layers.forEach(function (members) {
      tallest = Math.max(tallest, members.length);
    });
    var coordinates = new Array(count);
    layers.forEach(function (members, l) {
      var offset = (tallest - members.length) * (GRAPH_NODE_HEIGHT + GRAPH_GAP_Y) / 2;
      members.forEach(function (index, at) {
        coordinates[index] = {
          x: 16 + l * (GRAPH_NODE_WIDTH + GRAPH_GAP_X),
          y: 16 + offset + at * (GRAPH_NODE_HEIGHT + GRAPH_GAP_Y)
        };
      });
    });
    return {
      coordinates: coordinates,
      width: 32 + layers.length * (GRAPH_NODE_WIDTH + GRAPH_GAP_X) - GRAPH_GAP_X,
      height: 32 + tallest * (GRAPH_NODE_HEIGHT + GRAPH_GAP_Y) - GRAPH_GAP_Y
    };
  }

  function graph(model, onSelect) {
    var placed = layout(model);
    var nodes = model.data.nodes;
    var chart = svg('svg', { width: placed.width, height: placed.height, role: 'img',
      'aria-label': 'dependency graph of ' + nodes.length + ' nodes' }, 'dt-graph-chart');
    var edges = svg('g', null, 'dt-edges');
    nodes.forEach(function (node) {
      var to = placed.coordinates[node.index];
      node.dependencies.forEach(function (dep) {
        var parent = model.byId[dep];
        if (!parent) {
          return;
        }
        var from = placed.coordinates[parent.index];
        var x1 = from.x + GRAPH_NODE_WIDTH;
        var y1 = from.y + GRAPH_NODE_HEIGHT / 2;
        var x2 = to.x;
        var y2 = to.y + GRAPH_NODE_HEIGHT / 2;
        var bend = Math.max(20, (x2 - x1) / 2);
        var critical = model.critical[node.id] && model.critical[parent.id];
        edges.appendChild(svg('path', {
          d: 'M' + x1 + ' ' + y1 + 'C' + (x1 + bend) + ' ' + y1 + ' ' + (x2 - bend) + ' ' + y2 + ' ' + x2 + ' ' + y2,
          'data-from': parent.id, 'data-to': node.id
        }, 'dt-edge' + (critical ? ' dt-edge-critical' : '')));
      });
    });
    chart.appendChild(edges);
    var boxes = svg('g', null, 'dt-graph-nodes');
    nodes.forEach(function (node) {
      var at = placed.coordinates[node.index];
      var critical = !!model.critical[node.id];
      var group = svg('g', { 'data-node': node.id, 'data-status': node.status, 'data-critical': String(critical),
        transform: 'translate(' + at.x + ',' + at.y + ')' },
        'dt-graph-node dt-node-' + node.status + (critical ? ' dt-critical' : '') + (node.reused ? ' dt-node-reused' : ''));
      group.appendChild(svg('rect', { width: GRAPH_NODE_WIDTH, height: GRAPH_NODE_HEIGHT, rx: 5 }, 'dt-graph-box'));
      var label = svg('text', { x: 8, y: 19 }, 'dt-graph-label');
      label.textContent = clip(node.id, 21);
      group.appendChild(label);
      if (node.attempts.length > 1) {
        var retries = svg('text', { x: GRAPH_NODE_WIDTH - 6, y: 19, 'text-anchor': 'end' }, 'dt-graph-attempts');
        retries.textContent = '\u00d7' + node.attempts.length;
        group.appendChild(retries);
      }
      svgTitle(group, node.id + ' (' + node.handler + '): ' + node.status
        + (node.attempts.length ? ', ' + node.attempts.length + ' attempt(s)' : ''));
      boxes.appendChild(group);
    });
    chart.appendChild(boxes);
    chart.addEventListener('click', function (event) {
      var target = event.target;
      while (target && target !== chart) {
        var id = target.getAttribute && target.getAttribute('data-node');
        if (id && target.classList.contains('dt-graph-node')) {
          onSelect(id);
          return;
        }
        target = target.parentNode;
      }
    });
    var box = el('div', 'dt-graph');
    box.appendChild(chart);
    return box;
  }

  // ---------- details of one node

  function details(panel, model, id, onSelect) {
    var node = model.byId[id];
    while (panel.firstChild) {
      panel.removeChild(panel.firstChild);
    }
    if (!node) {
      panel.appendChild(el('p', 'dt-hint', 'Click a node to see its attempts.'));
      return;
    }
    panel.setAttribute('data-node', node.id);
    var heading = el('h3', 'dt-details-title');
    heading.appendChild(el('span', null, node.id));
    heading.appendChild(statusBadge(node.status));
    if (model.critical[node.id]) {
      heading.appendChild(el('span', 'dt-badge dt-badge-critical', 'critical path'));
    }
    panel.appendChild(heading);
    var facts = el('dl', 'dt-facts-list');
    function fact(name, value) {
      if (value === undefined || value === null || value === '') {
        return;
      }
      facts.appendChild(el('dt', null, name));
      var dd = el('dd');
      if (value instanceof Node) {
        dd.appendChild(value);
      } else {
        dd.textContent = String(value);
      }
      facts.appendChild(dd);
    }
    function nodeLinks(ids) {
      var span = el('span');
      ids.forEach(function (dep, i) {
        if (i) {
          span.appendChild(document.createTextNode(', '));
        }
        var link = el('button', 'dt-link', dep);
        link.type = 'button';
        link.addEventListener('click', function () { onSelect(dep); });
        span.appendChild(link);
      });
      return span;
    }
    fact('handler', node.handler);
    fact('depends on', node.dependencies.length ? nodeLinks(node.dependencies) : 'nothing');
    if (node.blocked_by) {
      fact('blocked by', nodeLinks([node.blocked_by]));
    }
    if (node.skip_reason) {
      fact('skipped', node.skip_reason);
    }
    if (node.reused) {
      fact('reused from', node.reused_from + (node.reused_from_attempt ? ' (attempt ' + node.reused_from_attempt + ')' : ''));
    }
    if (node.first_at !== undefined && node.first_at !== null) {
      var end = node.ended_at !== undefined && node.ended_at !== null ? node.ended_at : model.data.observed_at;
      fact('busy', duration(end - node.first_at) + ' from ' + timestamp(node.first_at));
    } else if (node.ended_at !== undefined && node.ended_at !== null) {
      fact('settled at', timestamp(node.ended_at));
    }
    panel.appendChild(facts);
    if (node.error) {
      panel.appendChild(el('h4', null, 'error'));
      panel.appendChild(el('pre', 'dt-error-text', node.error));
    }
    if (node.result_summary) {
      panel.appendChild(el('h4', null, 'result'));
      panel.appendChild(el('pre', 'dt-result', node.result_summary));
    }
    if (node.attempts.length) {
      panel.appendChild(el('h4', null, 'attempts'));
      var list = el('ol', 'dt-attempts');
      node.attempts.forEach(function (attempt) {
        list.appendChild(attemptCard(model, attempt));
      });
      panel.appendChild(list);
    }
  }

  function relative(model, time) {
    return time === undefined || time === null ? '-' : '+' + duration(time - model.start);
  }

  function attemptCard(model, attempt) {
    var item = el('li', 'dt-attempt-card dt-' + attempt.outcome);
    item.setAttribute('data-attempt', attempt.attempt);
    var title = el('div', 'dt-attempt-title');
    title.appendChild(el('span', 'dt-attempt-number', '#' + attempt.attempt));
    title.appendChild(el('span', 'dt-attempt-outcome', attempt.outcome.replace('_', ' ').toLowerCase()));
    var ended = attempt.ended_at !== undefined && attempt.ended_at !== null;
    var from = runStart(attempt);
    if (from) {
      title.appendChild(el('span', 'dt-attempt-ran',
        duration((ended ? attempt.ended_at : model.data.observed_at) - from) + (ended ? '' : ' so far')));
    }
    if (attempt.worker) {
      title.appendChild(el('span', 'dt-attempt-worker', 'on ' + attempt.worker));
    }
    item.appendChild(title);
    var times = el('div', 'dt-attempt-times');
    times.textContent = 'dispatched ' + relative(model, attempt.dispatched_at)
      + (attempt.queue ? ' to ' + attempt.queue : '')
      + ', started ' + relative(model, attempt.started_at)
      + ', ended ' + (ended ? relative(model, attempt.ended_at) : '-');
    times.title = 'dispatched ' + timestamp(attempt.dispatched_at) + '\nstarted ' + timestamp(attempt.started_at)
      + '\nended ' + (ended ? timestamp(attempt.ended_at) : '-');
    item.appendChild(times);
    attempt.restarts.forEach(function (restart) {
      item.appendChild(el('div', 'dt-attempt-note dt-attempt-restart', restartText(model, restart)));
    });
    if (attempt.timeout_ms) {
      item.appendChild(el('div', 'dt-attempt-note', 'exceeded its timeout of ' + duration(attempt.timeout_ms)));
    }
    if (attempt.error) {
      item.appendChild(el('div', 'dt-attempt-error', firstLine(attempt.error)));
    }
    if (attempt.retry_backoff_ms !== undefined && attempt.retry_backoff_ms !== null) {
      item.appendChild(el('div', 'dt-attempt-note', 'retried after ' + duration(attempt.retry_backoff_ms)));
    }
    return item;
  }

  // ---------- the whole view

  var FILTERS = [
    ['all', 'all nodes'],
    ['problems', 'failed, retried, blocked'],
    ['critical', 'critical path'],
    ['running', 'running or pending']
  ];

  function matchesFilter(node, model, filter, text) {
    if (text && node.id.toLowerCase().indexOf(text) < 0 && String(node.handler).toLowerCase().indexOf(text) < 0) {
      return false;
    }
    switch (filter) {
      case 'problems':
        return node.status === 'FAILED' || node.status === 'BLOCKED' || node.status === 'CANCELLED'
          || node.attempts.length > 1;
      case 'critical':
        return !!model.critical[node.id];
      case 'running':
        return node.status === 'RUNNING' || node.status === 'PENDING';
      default:
        return true;
    }
  }

  function render(root, data) {
    var model = prepare(data);
    var id = ++instanceCount;
    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }
    root.classList.add('dag-timeline');
    root.setAttribute('data-status', data.status);
    root.appendChild(header(model));

    var toolbar = el('div', 'dt-toolbar');
    var tabs = el('div', 'dt-tabs');
    tabs.setAttribute('role', 'tablist');
    var ganttTab = el('button', 'dt-tab dt-tab-active', 'Timeline');
    var graphTab = el('button', 'dt-tab', 'Graph');
    [ganttTab, graphTab].forEach(function (tab) {
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tabs.appendChild(tab);
    });
    toolbar.appendChild(tabs);
    var filter = el('select', 'dt-filter');
    filter.setAttribute('aria-label', 'which nodes to show');
    FILTERS.forEach(function (entry) {
      var option = el('option', null, entry[1]);
      option.value = entry[0];
      filter.appendChild(option);
    });
    toolbar.appendChild(filter);
    var search = el('input', 'dt-search');
    search.type = 'search';
    search.placeholder = 'filter by node id or handler';
    search.setAttribute('aria-label', 'filter by node id or handler');
    toolbar.appendChild(search);
    toolbar.appendChild(legend(model));
    root.appendChild(toolbar);

    var body = el('div', 'dt-body');
    var views = el('div', 'dt-views');
    var ganttView = el('div', 'dt-view dt-view-gantt');
    var graphView = el('div', 'dt-view dt-view-graph dt-hidden');
    views.appendChild(ganttView);
    views.appendChild(graphView);
    body.appendChild(views);
    var panel = el('aside', 'dt-details');
    panel.id = 'dt-details-' + id;
    body.appendChild(panel);
    root.appendChild(body);

    var selected = null;
    function select(nodeId) {
      selected = nodeId;
      details(panel, model, nodeId, select);
      var marked = root.querySelectorAll('.dt-selected');
      for (var i = 0; i < marked.length; i++) {
        marked[i].classList.remove('dt-selected');
      }
      var rows = root.querySelectorAll('.dt-row, .dt-graph-node');
      for (var j = 0; j < rows.length; j++) {
        if (rows[j].getAttribute('data-node') === nodeId) {
          rows[j].classList.add('dt-selected');
        }
      }
    }

    // The chart fits in the room the page gives beside the details panel (a Jenkins build page gives
    // about 1,000 px of a 1,280 px window), measured on the body, not on the views, whose width
    // the chart itself would set; below the narrowest useful chart the views scroll sideways.
    function width() {
      var room = (body.clientWidth || root.clientWidth || 1100) - (panel.offsetWidth || 340) - 2;
      return Math.max(MIN_CHART_WIDTH, room);
    }

    function drawGantt() {
      var text = search.value.trim().toLowerCase();
      var shown = data.nodes.filter(function (node) {
        return matchesFilter(node, model, filter.value, text);
      });
      while (ganttView.firstChild) {
        ganttView.removeChild(ganttView.firstChild);
      }
      ganttView.appendChild(gantt(model, shown, width(), select));
      if (shown.length < data.nodes.length) {
        ganttView.appendChild(el('p', 'dt-hint', shown.length + ' of ' + data.nodes.length + ' nodes shown'));
      }
      if (selected) {
        select(selected);
      }
    }

    // The graph is drawn up front (hidden) so that switching views never waits and the page's DOM
    // holds both views for whoever inspects it; its layout is linear in nodes and edges.
    graphView.appendChild(graph(model, select));
    function show(graphWanted) {
      ganttTab.classList.toggle('dt-tab-active', !graphWanted);
      graphTab.classList.toggle('dt-tab-active', graphWanted);
      ganttTab.setAttribute('aria-selected', String(!graphWanted));
      graphTab.setAttribute('aria-selected', String(graphWanted));
      ganttView.classList.toggle('dt-hidden', graphWanted);
      graphView.classList.toggle('dt-hidden', !graphWanted);
    }
    ganttTab.addEventListener('click', function () { show(false); });
    graphTab.addEventListener('click', function () { show(true); });
    filter.addEventListener('change', drawGantt);
    search.addEventListener('input', drawGantt);

    drawGantt();
    var resizing = null;
    window.addEventListener('resize', function () {
      if (resizing === null) {
        resizing = window.requestAnimationFrame(function () {
          resizing = null;
          drawGantt();
        });
      }
    });
    show(root.getAttribute('data-view') === 'graph');
    var first = (data.critical_path && data.critical_path.length)
      ? data.critical_path[data.critical_path.length - 1] : null;
    data.nodes.forEach(function (node) {
      if (!first && node.status === 'FAILED') {
        first = node.id;
      }
    });
    details(panel, model, first, select);
    if (first) {
      select(first);
    }
    root.setAttribute('data-rendered', 'true');
    return model;
  }

  // ---------- loading

  function fetchJson(url, done, failed) {
    var request = new XMLHttpRequest();
    request.open('GET', url, true);
    request.setRequestHeader('Accept', 'application/json');
    request.onload = function () {
      if (request.status >= 200 && request.status < 300) {
        try {
          done(JSON.parse(request.responseText));
        } catch (e) {
          failed(url + ' did not return timeline JSON: ' + e.message);
        }
      } else {
        failed(url + ' answered HTTP ' + request.status);
      }
    };
    request.onerror = function () {
      failed('could not load ' + url);
    };
    request.send();
  }

  function safeRender(root, data) {
    try {
      render(root, data);
      var refresh = parseInt(root.getAttribute('data-refresh-seconds') || '0', 10);
      var url = root.getAttribute('data-timeline-url');
      if (refresh > 0 && url && data.status === 'RUNNING') {
        window.setTimeout(function () { load(root); }, refresh * 1000);
      }
    } catch (e) {
      reportError(e && e.message ? e.message : String(e));
      root.setAttribute('data-rendered', 'error');
    }
  }

  function load(root) {
    var url = root.getAttribute('data-timeline-url');
    if (url) {
      fetchJson(url, function (data) { safeRender(root, data); }, function (message) {
        reportError(message);
        root.setAttribute('data-rendered', 'error');
      });
      return;
    }
    var sourceId = root.getAttribute('data-timeline-source') || 'dag-timeline-data';
    var source = document.getElementById(sourceId);
    if (!source) {
      reportError('no element with id "' + sourceId + '" holds the timeline data, and no data-timeline-url is set');
      root.setAttribute('data-rendered', 'error');
      return;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (e) {
      reportError('the timeline data in #' + sourceId + ' is not JSON: ' + e.message);
      root.setAttribute('data-rendered', 'error');
      return;
    }
    safeRender(root, data);
  }

  function init() {
    var roots = document.querySelectorAll('[data-dag-timeline]');
    for (var i = 0; i < roots.length; i++) {
      load(roots[i]);
    }
  }

  window.DagTimeline = { render: render, load: load, formatDuration: duration };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
