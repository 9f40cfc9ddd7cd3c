// Charts of the entity page, fed by JSON data islands (no inline scripts).
(function () {
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var tl = data("timeline-data");
  var box = document.getElementById("timeline");
  if (tl && box && window.uPlot && tl.length) {
    var xs = tl.map(function (b) { return Date.parse(b.period.length === 7 ? b.period + "-01" : b.period) / 1000; });
    var ys = tl.map(function (b) { return b.count; });
    new uPlot({ width: Math.max(box.clientWidth, 300), height: 220,
      series: [{ label: "التاريخ", value: "{YYYY}-{MM}-{DD}" }, { label: "مقالات", stroke: "#0b6e69", fill: "rgba(11,110,105,0.15)" }],
      axes: [{}, {}] }, [xs, ys], box);
  }
  var net = data("network-data");
  var nbox = document.getElementById("network");
  if (net && nbox && window.cytoscape) {
    var colors = { PER: "#3b82f6", ORG: "#16a34a", LOC: "#d97706", MISC: "#9333ea" };
    var els = net.nodes.map(function (n, i) {
      return { data: { id: n.id, label: n.name, color: colors[n.label] || "#666", size: i === 0 ? 40 : 16 + Math.min(24, n.weight) } };
    }).concat(net.edges.map(function (e) {
      return { data: { id: e.source + "-" + e.target, source: e.source, target: e.target, w: Math.min(8, 1 + Math.log(e.weight + 1)) } };
    }));
    var cy = cytoscape({ container: nbox, elements: els, layout: { name: "cose", animate: false },
      style: [
        { selector: "node", style: { "background-color": "data(color)", label: "data(label)", width: "data(size)", height: "data(size)", "font-size": 12, "font-family": "Noto Naskh Arabic, serif" } },
        { selector: "edge", style: { width: "data(w)", "line-color": "#c5ccd6" } }] });
    cy.on("tap", "node", function (ev) { window.location = "/entity/" + encodeURIComponent(ev.target.id()); });
  }
})();
