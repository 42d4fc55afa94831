// bodymap pain-drawing form. Plain JavaScript, no libraries, no network.
//
// Marks live in chart coordinates (centimetres per view, y up), the frame of the chart and
// drawing files; each view's page transform comes from the scene frames embedded by Python:
// page (mm, y down) = (ox + x, oy - y). Save writes the drawing file format of bodymap.
(() => {
  "use strict";

  const SVGNS = "http://www.w3.org/2000/svg";
  const DATA = JSON.parse(document.getElementById("bodymap-data").textContent);
  const L = DATA.labels;
  const VIEWS = DATA.views;
  const FRAMES = DATA.frames;
  // With a submit URL (the clinic app's intake link) Save sends the drawing there instead
  // of downloading it, and the marks are kept under that link only.
  const SUBMIT = DATA.submitUrl || "";
  const STORE_KEY =
    "bodymap-form:v1:" + DATA.chart + ":" + (DATA.subject || "") + (SUBMIT ? ":" + SUBMIT : "");
  const HISTORY_MAX = 100;
  const MIN_STEP = 0.2; // cm between recorded stroke points
  const KNOWN_PROPS = ["view", "intensity", "quality", "width", "region"];

  const statusEl = document.getElementById("status");
  const modeHint = document.getElementById("mode-hint");
  const buttons = {
    undo: document.getElementById("undo"),
    redo: document.getElementById("redo"),
    clear: document.getElementById("clear"),
    save: document.getElementById("save"),
  };
  const dialog = document.getElementById("confirm");

  const state = {
    marks: [],
    mode: "draw",
    brush: "medium",
    intensity: 5,
    quality: "",
  };
  let undoStack = [];
  let redoStack = [];
  let storageOk = true;
  let active = null; // the pointer interaction in progress
  let message = "";

  // ---- helpers -------------------------------------------------------------------------
  const fmt = (text, fields) =>
    text.replace(/\{(\w+)\}/g, (m, k) => (k in fields ? String(fields[k]) : m));
  const round2 = (v) => Math.round(v * 100) / 100;
  const el = (name, attrs) => {
    const node = document.createElementNS(SVGNS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  };
  const isIntensity = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 10;
  const colorOf = (i) => (isIntensity(i) ? DATA.colors[Math.round(i)] : DATA.neutral);
  const svgOf = (view) => document.getElementById("chart-" + view);
  const regionPath = (id) => {
    const node = document.getElementById("region-" + id);
    return node && node.classList.contains("region") && node.closest("svg.chart") ? node : null;
  };
  const regionName = (id) => {
    const node = regionPath(id);
    const title = node && node.querySelector("title");
    return title ? title.textContent : id;
  };
  const snapshot = () => JSON.stringify(state.marks);

  function pathData(points) {
    if (points.length === 1) {
      const [x, y] = points[0];
      return "M" + x + " " + y + "l0.001 0";
    }
    return "M" + points.map((p) => p[0] + " " + p[1]).join("L");
  }

  function ringsData(rings) {
    return rings
      .filter((r) => Array.isArray(r) && r.length > 0)
      .map((r) => "M" + r.map((p) => p[0] + " " + p[1]).join("L") + "Z")
      .join("");
  }

  // ---- reading and writing drawing documents ------------------------------------------
  function extraProps(props) {
    const extra = {};
    for (const [k, v] of Object.entries(props)) if (!KNOWN_PROPS.includes(k)) extra[k] = v;
    return extra;
  }

  function marksFromDoc(doc) {
    const marks = [];
    for (const feature of doc.features || []) {
      const props = (feature && feature.properties) || {};
      const geom = feature ? feature.geometry : null;
      const base = {
        view: props.view,
        intensity: isIntensity(props.intensity) ? props.intensity : null,
        quality: typeof props.quality === "string" ? props.quality : "",
        props: extraProps(props),
      };
      if (!VIEWS.includes(base.view)) continue;
      if (geom === null || geom === undefined) {
        if (typeof props.region === "string") marks.push({ ...base, kind: "region", region: props.region });
      } else if (geom.type === "LineString" || geom.type === "MultiLineString") {
        const lines = geom.type === "LineString" ? [geom.coordinates] : geom.coordinates;
        const width = typeof props.width === "number" && props.width > 0 ? props.width : 3;
        for (const line of lines) {
          if (Array.isArray(line) && line.length) {
            marks.push({ ...base, kind: "stroke", width, points: line.map((p) => [p[0], p[1]]) });
          }
        }
      } else {
        marks.push({ ...base, kind: "shape", geometry: geom, width: props.width });
      }
    }
    return marks;
  }

  function featureOf(mark) {
    const props = { view: mark.view };
    let geometry = null;
    if (mark.kind === "stroke") {
      props.width = mark.width;
      let coords = mark.points.map((p) => [round2(p[0]), round2(p[1])]);
      if (coords.length === 1) coords = [coords[0], [round2(coords[0][0] + 0.01), coords[0][1]]];
      geometry = { type: "LineString", coordinates: coords };
    } else if (mark.kind === "region") {
      props.region = mark.region;
    } else {
      geometry = mark.geometry;
      if (mark.width !== undefined) props.width = mark.width;
    }
    if (isIntensity(mark.intensity)) props.intensity = mark.intensity;
    if (mark.quality) props.quality = mark.quality;
    Object.assign(props, mark.props || {});
    return { type: "Feature", properties: props, geometry };
  }

  function isoNow() {
    const d = new Date();
    const pad = (n) => String(Math.abs(n)).padStart(2, "0");
    const off = -d.getTimezoneOffset();
    const sign = off >= 0 ? "+" : "-";
    return (
      d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      sign + pad(Math.trunc(off / 60)) + ":" + pad(off % 60)
    );
  }

  function drawingText() {
    const old = (DATA.drawing && DATA.drawing.bodymap) || {};
    const meta = { kind: "drawing", version: 1, chart: DATA.chart };
    if (DATA.subject) meta.subject = DATA.subject;
    meta.recorded = isoNow();
    for (const [k, v] of Object.entries(old)) if (!(k in meta) && k !== "subject") meta[k] = v;
    const top = { type: "FeatureCollection", bodymap: meta };
    if (DATA.drawing) {
      for (const [k, v] of Object.entries(DATA.drawing)) {
        if (!["type", "bodymap", "features"].includes(k)) top[k] = v;
      }
    }
    const head = JSON.stringify(top, null, 2).replace(/\n}$/, "");
    const features = state.marks.map((m) => "    " + JSON.stringify(featureOf(m)));
    return head + ',\n  "features": [\n' + features.join(",\n") + "\n  ]\n}\n";
  }

  // ---- drawing the marks ---------------------------------------------------------------
  function markNode(mark) {
    const color = colorOf(mark.intensity);
    if (mark.kind === "region") {
      const src = regionPath(mark.region);
      if (!src) return null;
      return el("path", { d: src.getAttribute("d"), fill: color, class: "mark mark-region" });
    }
    if (mark.kind === "stroke") {
      return el("path", {
        d: pathData(mark.points),
        fill: "none",
        stroke: color,
        "stroke-width": mark.width,
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
        class: "mark mark-stroke",
      });
    }
    const g = mark.geometry || {};
    let d = "";
    if (g.type === "Polygon") d = ringsData(g.coordinates || []);
    else if (g.type === "MultiPolygon") d = (g.coordinates || []).map(ringsData).join("");
    if (!d) return null;
    return el("path", { d, fill: color, "fill-rule": "evenodd", class: "mark mark-shape" });
  }

  function render() {
    for (const view of VIEWS) {
      document.getElementById("region-marks-" + view).replaceChildren();
      document.getElementById("stroke-marks-" + view).replaceChildren();
    }
    state.marks.forEach((mark, index) => {
      const node = markNode(mark);
      if (!node) return;
      node.setAttribute("data-index", String(index));
      const layer = mark.kind === "region" ? "region-marks-" : "stroke-marks-";
      document.getElementById(layer + mark.view).appendChild(node);
    });
  }

  function updateStatus() {
    const n = state.marks.length;
    let text = n === 0 ? L["status.empty"] : n === 1 ? L["status.count.one"] : fmt(L["status.count"], { n });
    if (n > 0) text += " " + (storageOk ? L["status.kept"] : L["status.nostore"]);
    else if (!storageOk) text += " " + L["status.nostore"];
    statusEl.textContent = (message ? message + " " : "") + text;
    buttons.undo.disabled = undoStack.length === 0;
    buttons.redo.disabled = redoStack.length === 0;
    buttons.clear.disabled = n === 0;
    document.body.setAttribute("data-marks", String(n));
    for (const view of VIEWS) {
      const count = document.getElementById("count-" + view);
      const k = state.marks.filter((m) => m.view === view).length;
      if (count) count.textContent = k ? String(k) : "";
    }
  }

  function persist() {
    try {
      const record = {
        v: 1,
        base: DATA.initialId,
        marks: state.marks,
        settings: { mode: state.mode, brush: state.brush, intensity: state.intensity, quality: state.quality },
      };
      window.localStorage.setItem(STORE_KEY, JSON.stringify(record));
      storageOk = true;
    } catch (err) {
      storageOk = false;
    }
  }

  function changed(before, note) {
    undoStack.push(before);
    if (undoStack.length > HISTORY_MAX) undoStack.shift();
    redoStack = [];
    message = note || "";
    render();
    persist();
    updateStatus();
  }

  function undo() {
    if (!undoStack.length) return;
    redoStack.push(snapshot());
    state.marks = JSON.parse(undoStack.pop());
    message = L["status.undone"];
    render();
    persist();
    updateStatus();
  }

  function redo() {
    if (!redoStack.length) return;
    undoStack.push(snapshot());
    state.marks = JSON.parse(redoStack.pop());
    message = L["status.redone"];
    render();
    persist();
    updateStatus();
  }

  // ---- pointer input ---------------------------------------------------------------------
  function locate(svg, view, event) {
    const ctm = svg.getScreenCTM();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
    const f = FRAMES[view];
    return { page: [p.x, p.y], chart: [round2(p.x - f.ox), round2(f.oy - p.y)] };
  }

  function regionAt(svg, view, page) {
    const point = new DOMPoint(page[0], page[1]);
    const group = document.getElementById("regions-" + view);
    for (const path of group.querySelectorAll("path.region")) {
      if (path.isPointInFill(point)) return path.id.slice("region-".length);
    }
    return null;
  }

  function toggleRegion(svg, view, page) {
    const id = regionAt(svg, view, page);
    if (!id) {
      message = L["status.region.none"];
      updateStatus();
      return;
    }
    const before = snapshot();
    const index = state.marks.findIndex((m) => m.kind === "region" && m.view === view && m.region === id);
    if (index >= 0) {
      state.marks.splice(index, 1);
      changed(before, fmt(L["status.region.off"], { region: regionName(id) }));
    } else {
      state.marks.push({
        kind: "region",
        view,
        region: id,
        intensity: state.intensity,
        quality: state.quality,
        props: {},
      });
      changed(before, fmt(L["status.region.on"], { region: regionName(id) }));
    }
  }

  function densify(points, step) {
    const out = [points[0]];
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1];
      const [x1, y1] = points[i];
      const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step);
      for (let k = 1; k < n; k++) out.push([round2(x0 + ((x1 - x0) * k) / n), round2(y0 + ((y1 - y0) * k) / n)]);
      out.push(points[i]);
    }
    return out;
  }

  // Remove everything under the eraser: stroke points within reach are cut out (a stroke
  // may fall apart into pieces); a whole-area or imported shape under the centre goes.
  function eraseAt(view, chart, page) {
    const radius = DATA.brushes[state.brush] / 2;
    const point = new DOMPoint(page[0], page[1]);
    const out = [];
    let hit = false;
    for (const mark of state.marks) {
      if (mark.view !== view) {
        out.push(mark);
        continue;
      }
      if (mark.kind === "stroke") {
        const reach = radius + mark.width / 2;
        const near = (p) => Math.hypot(p[0] - chart[0], p[1] - chart[1]) <= reach;
        const dense = densify(mark.points, Math.max(0.25, mark.width / 4));
        if (!dense.some(near)) {
          out.push(mark);
          continue;
        }
        hit = true;
        let run = [];
        for (const p of dense) {
          if (near(p)) {
            if (run.length) out.push({ ...mark, points: run });
            run = [];
          } else {
            run.push(p);
          }
        }
        if (run.length) out.push({ ...mark, points: run });
      } else if (mark.kind === "region") {
        const path = regionPath(mark.region);
        if (path && path.isPointInFill(point)) hit = true;
        else out.push(mark);
      } else {
        const node = document.querySelector(
          "#stroke-marks-" + view + ' [data-index="' + state.marks.indexOf(mark) + '"]'
        );
        if (node && node.isPointInFill(new DOMPoint(chart[0], chart[1]))) hit = true;
        else out.push(mark);
      }
    }
    if (hit) {
      state.marks = out;
      render();
    }
    return hit;
  }

  function showEraser(svg, view, page, on) {
    const ring = document.getElementById("eraser-" + view);
    if (!ring) return;
    if (!on) {
      ring.classList.remove("on");
      return;
    }
    ring.setAttribute("cx", String(page[0]));
    ring.setAttribute("cy", String(page[1]));
    ring.setAttribute("r", String(DATA.brushes[state.brush] / 2));
    ring.classList.add("on");
  }

  function onDown(event) {
    const svg = event.currentTarget;
    const view = svg.getAttribute("data-view");
    if (active) return; // one pointer at a time: a second finger does nothing
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    try {
      svg.setPointerCapture(event.pointerId);
    } catch (err) {
      /* capture is a nicety */
    }
    const at = locate(svg, view, event);
    if (state.mode === "region") {
      toggleRegion(svg, view, at.page);
      active = { id: event.pointerId, svg, view, kind: "region" };
      return;
    }
    if (state.mode === "erase") {
      active = { id: event.pointerId, svg, view, kind: "erase", before: snapshot(), hit: false, at: at.chart };
      active.hit = eraseAt(view, at.chart, at.page);
      showEraser(svg, view, at.page, true);
      return;
    }
    const mark = {
      kind: "stroke",
      view,
      width: DATA.brushes[state.brush],
      points: [at.chart],
      intensity: state.intensity,
      quality: state.quality,
      props: {},
    };
    const node = markNode(mark);
    document.getElementById("stroke-marks-" + view).appendChild(node);
    active = { id: event.pointerId, svg, view, kind: "draw", mark, node };
  }

  function onMove(event) {
    const svg = event.currentTarget;
    const view = svg.getAttribute("data-view");
    if (!active || event.pointerId !== active.id) {
      if (!active && state.mode === "erase" && event.pointerType === "mouse") {
        showEraser(svg, view, locate(svg, view, event).page, true);
      }
      return;
    }
    event.preventDefault();
    const list = typeof event.getCoalescedEvents === "function" ? event.getCoalescedEvents() : [];
    const events = list.length ? list : [event];
    if (active.kind === "draw") {
      const pts = active.mark.points;
      for (const e of events) {
        const p = locate(active.svg, active.view, e).chart;
        const last = pts[pts.length - 1];
        if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP) pts.push(p);
      }
      active.node.setAttribute("d", pathData(pts));
    } else if (active.kind === "erase") {
      // Rub along the whole path, not only at the event positions: a fast swipe still erases.
      const f = FRAMES[active.view];
      const step = DATA.brushes[state.brush] / 4;
      let at = null;
      for (const e of events) {
        at = locate(active.svg, active.view, e);
        const [x0, y0] = active.at;
        const [x1, y1] = at.chart;
        const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
        for (let k = 1; k <= n; k++) {
          const x = x0 + ((x1 - x0) * k) / n;
          const y = y0 + ((y1 - y0) * k) / n;
          if (eraseAt(active.view, [x, y], [f.ox + x, f.oy - y])) active.hit = true;
        }
        active.at = at.chart;
      }
      if (at) showEraser(active.svg, active.view, at.page, true);
    }
  }

  function onUp(event) {
    if (!active || event.pointerId !== active.id) return;
    const done = active;
    active = null;
    if (done.kind === "draw") {
      const before = snapshot();
      state.marks.push(done.mark);
      changed(before, "");
    } else if (done.kind === "erase") {
      if (event.pointerType !== "mouse") showEraser(done.svg, done.view, [0, 0], false);
      if (done.hit) changed(done.before, "");
    }
  }

  for (const view of VIEWS) {
    const svg = svgOf(view);
    svg.addEventListener("pointerdown", onDown);
    svg.addEventListener("pointermove", onMove);
    svg.addEventListener("pointerup", onUp);
    svg.addEventListener("pointercancel", onUp);
    svg.addEventListener("pointerleave", (e) => {
      if (e.pointerType === "mouse" && !active) showEraser(svg, view, [0, 0], false);
    });
    svg.addEventListener("contextmenu", (e) => e.preventDefault());
    svg.addEventListener("touchstart", (e) => e.preventDefault(), { passive: false });
  }

  // ---- controls ------------------------------------------------------------------------
  function setChoice(name, value) {
    const input = document.querySelector('input[name="' + name + '"][value="' + CSS.escape(String(value)) + '"]');
    if (input) input.checked = true;
  }

  function applyMode() {
    document.body.setAttribute("data-mode", state.mode);
    modeHint.textContent = L["mode." + state.mode + ".hint"];
    if (state.mode !== "erase") for (const view of VIEWS) showEraser(null, view, [0, 0], false);
  }

  document.querySelector(".tools").addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    if (input.name === "mode") state.mode = input.value;
    else if (input.name === "brush") state.brush = input.value;
    else if (input.name === "intensity") state.intensity = Number(input.value);
    else if (input.name === "quality") state.quality = input.value;
    applyMode();
    persist();
  });

  buttons.undo.addEventListener("click", undo);
  buttons.redo.addEventListener("click", redo);
  buttons.clear.addEventListener("click", () => {
    if (typeof dialog.showModal === "function") dialog.showModal();
    else if (window.confirm(L["confirm.text"])) clearAll();
  });
  document.getElementById("confirm-no").addEventListener("click", () => dialog.close());
  document.getElementById("confirm-yes").addEventListener("click", () => {
    dialog.close();
    clearAll();
  });

  function clearAll() {
    if (!state.marks.length) return;
    const before = snapshot();
    state.marks = [];
    changed(before, L["status.cleared"]);
  }

  function fileName() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const stamp = "" + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + "-" + pad(d.getHours()) + pad(d.getMinutes());
    const who = (DATA.subject || "").replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60);
    return "pain-drawing-" + (who ? who + "-" : "") + stamp + ".json";
  }

  function download() {
    const name = fileName();
    const blob = new Blob([drawingText()], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    message = fmt(L["status.saved"], { file: name });
    updateStatus();
  }

  // Send the drawing to the intake link; on success the page is done (the link is used up),
  // on failure the marks stay in the page and Send can be pressed again.
  function send() {
    buttons.save.disabled = true;
    message = L["status.sending"];
    updateStatus();
    fetch(SUBMIT, {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json" }, DATA.submitHeaders || {}),
      body: drawingText(),
      credentials: "same-origin",
      cache: "no-store",
    })
      .then((response) =>
        response.json().catch(() => ({})).then((body) => ({ status: response.status, body })),
      )
      .then(({ status, body }) => {
        if (status === 201) {
          try {
            window.localStorage.removeItem(STORE_KEY);
          } catch (err) {
            // nothing kept
          }
          document.body.setAttribute("data-sent", "true");
          message = L["status.sent"];
        } else {
          buttons.save.disabled = status === 410;
          const detail = body && typeof body.error === "string" ? " " + body.error : "";
          message = (status === 410 ? L["status.link_used"] : L["status.send_failed"]) + detail;
          if (status !== 410) buttons.save.disabled = false;
        }
        updateStatus();
      })
      .catch(() => {
        buttons.save.disabled = false;
        message = L["status.send_failed"];
        updateStatus();
      });
  }

  buttons.save.addEventListener("click", () => (SUBMIT ? send() : download()));

  for (const button of document.querySelectorAll(".switch")) {
    button.addEventListener("click", () => {
      const show = button.getAttribute("data-show");
      for (const other of document.querySelectorAll(".switch")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
      for (const figure of document.querySelectorAll("figure.view")) {
        figure.classList.toggle("shown", figure.getAttribute("data-view") === show);
      }
    });
  }

  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) undo();
    else if (key === "y" || (key === "z" && event.shiftKey)) redo();
    else return;
    event.preventDefault();
  });

  // ---- start: restore autosave, else the pre-loaded drawing ------------------------------
  function restore() {
    let record = null;
    try {
      const text = window.localStorage.getItem(STORE_KEY);
      record = text ? JSON.parse(text) : null;
    } catch (err) {
      storageOk = false;
    }
    if (record && record.v === 1 && record.base === DATA.initialId && Array.isArray(record.marks)) {
      state.marks = record.marks.filter((m) => m && VIEWS.includes(m.view));
      const s = record.settings || {};
      if (["draw", "region", "erase"].includes(s.mode)) state.mode = s.mode;
      if (s.brush in DATA.brushes) state.brush = s.brush;
      if (isIntensity(s.intensity)) state.intensity = s.intensity;
      if (s.quality === "" || DATA.qualities.includes(s.quality)) state.quality = s.quality;
      if (state.marks.length) message = L["status.restored"];
    } else if (DATA.drawing) {
      state.marks = marksFromDoc(DATA.drawing);
      message = L["status.loaded"];
      persist();
    }
    setChoice("mode", state.mode);
    setChoice("brush", state.brush);
    setChoice("intensity", state.intensity);
    setChoice("quality", state.quality);
  }

  restore();
  applyMode();
  render();
  updateStatus();
  document.body.setAttribute("data-ready", "true");
})();
