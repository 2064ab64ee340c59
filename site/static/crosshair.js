// Optional enhancement: a vertical crosshair that follows the hovered column of a chart. Every value is
// already in each column's <title>, so the charts work without this file.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  function show(event) {
    var hit = event.target;
    if (!hit.classList || !hit.classList.contains("hit")) return;
    var svg = hit.ownerSVGElement;
    var line = svg.querySelector("line.crosshair");
    if (!line) {
      line = document.createElementNS(NS, "line");
      line.setAttribute("class", "crosshair");
      svg.insertBefore(line, hit.parentNode);
    }
    var x = parseFloat(hit.getAttribute("x")) + parseFloat(hit.getAttribute("width")) / 2;
    var top = parseFloat(hit.getAttribute("y"));
    line.setAttribute("x1", x);
    line.setAttribute("x2", x);
    line.setAttribute("y1", top);
    line.setAttribute("y2", top + parseFloat(hit.getAttribute("height")));
    line.style.display = "";
  }
  function hide(event) {
    var svg = event.currentTarget;
    var line = svg.querySelector("line.crosshair");
    if (line) line.style.display = "none";
  }
  var charts = document.querySelectorAll("svg.chart");
  for (var i = 0; i < charts.length; i++) {
    charts[i].addEventListener("mouseover", show);
    charts[i].addEventListener("mouseleave", hide);
  }
})();
