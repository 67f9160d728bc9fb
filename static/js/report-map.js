// The map of problem reports (Leaflet, served by the portal). An enhancement only: the list
// on the page shows every report, and the form takes an address or typed coordinates. When
// Leaflet or the tile server is missing, the box says the map is unavailable.
const MARKERS = {
  open: { color: "#942514", weight: 2, fillColor: "#d4351c", fillOpacity: 0.9 },
  closed: { color: "#005a30", weight: 4, fillColor: "#ffffff", fillOpacity: 1 },
};

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-report-map]").forEach((box) => {
    const fallback = box.querySelector(".map-fallback");
    const unavailable = () => {
      if (fallback) fallback.textContent = box.dataset.unavailable;
      box.classList.add("report-map--unavailable");
    };
    if (!window.L || !box.dataset.tiles) {
      unavailable();
      return;
    }
    const canvas = document.createElement("div");
    canvas.className = "report-map__canvas";
    box.appendChild(canvas);
    const map = window.L.map(canvas, { scrollWheelZoom: false });
    let loaded = 0;
    let failed = 0;
    const tiles = window.L.tileLayer(box.dataset.tiles, {
      maxZoom: 19,
      attribution: box.dataset.attribution,
    });
    tiles.on("tileload", () => {
      loaded += 1;
      if (fallback) fallback.hidden = true;
    });
    tiles.on("tileerror", () => {
      failed += 1;
      if (!loaded && failed > 3) unavailable();
    });
    tiles.addTo(map);
    const points = [];
    document.querySelectorAll("[data-lat][data-lng]").forEach((item) => {
      const point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
      if (Number.isNaN(point[0]) || Number.isNaN(point[1])) return;
      // Open reports filled, answered or closed ones a ring: told apart by shape as well as
      // colour, as the legend under the map shows.
      const style = MARKERS[item.dataset.state] || MARKERS.open;
      const marker = window.L.circleMarker(point, { ...style, radius: 9 }).addTo(map);
      if (item.dataset.title) marker.bindTooltip(item.dataset.title);
      if (item.dataset.url) {
        const link = document.createElement("a");
        link.href = item.dataset.url;
        link.textContent = item.dataset.title || item.dataset.url;
        marker.bindPopup(link);
      }
      points.push(point);
    });
    if (points.length) {
      map.fitBounds(points, { maxZoom: 16, padding: [24, 24] });
    } else {
      map.setView([56.95, 24.1], 10); // Latvia's capital region until a point is chosen
    }
    if (box.hasAttribute("data-picker")) {
      const lat = document.getElementById("id_latitude");
      const lng = document.getElementById("id_longitude");
      let chosen = null;
      map.on("click", (event) => {
        lat.value = event.latlng.lat.toFixed(6);
        lng.value = event.latlng.lng.toFixed(6);
        if (chosen) chosen.setLatLng(event.latlng);
        else chosen = window.L.marker(event.latlng).addTo(map);
      });
    }
  });
});
