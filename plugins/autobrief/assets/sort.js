// Sortable tables (the sources index): click a column heading to sort by it, again to reverse.
// The table reads in full without this script; it only reorders rows, by each cell's data-value.
(function () {
  for (const table of document.querySelectorAll("table[data-ab-sortable]")) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      if (!th.hasAttribute("aria-sort")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ab-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        const descending = th.getAttribute("aria-sort") !== "descending";
        heads.forEach(function (other) { if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const body = table.tBodies[0];
        const value = function (row) { return row.cells[column].getAttribute("data-value") || ""; };
        const rows = Array.from(body.rows).sort(function (a, b) {
          const x = value(a), y = value(b);
          const nx = parseFloat(x), ny = parseFloat(y);
          let order;
          if (x === "" || y === "") order = (x === "") - (y === "");  // empty last, whichever way
          else if (!isNaN(nx) && !isNaN(ny)) order = descending ? ny - nx : nx - ny;
          else order = descending ? y.localeCompare(x) : x.localeCompare(y);
          return order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
})();
