// A family page's comparison: two of its records side by side (stacked on a phone), the campaigns
// both name marked. Rows come from the family's download (downloads/agencies/<id>.json), each
// record's activities from its own page (the one copy of the text); text is put in with
// textContent only: it is data, never markup.
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const pages = new Map(); // url -> its activities, fetched once

function activities(url) {
  if (!pages.has(url)) {
    const found = fetch(url)
      .then((response) => response.text())
      .then((text) => new DOMParser().parseFromString(text, "text/html"))
      .then((page) => [...page.querySelectorAll("ol.activities > li")].map((item) => item.textContent));
    pages.set(url, found);
  }
  return pages.get(url);
}

function column(row, href, texts, shared) {
  const box = element("article", undefined, "compare-column");
  const heading = element("h3");
  const link = element("a", `${row.year} 年${row.region} · ${row.agency}`);
  link.href = href;
  heading.append(link);
  const list = element("ol");
  for (const text of texts) list.append(element("li", text));
  box.append(heading, list);
  if (row.campaigns.length) {
    const names = element("ul", undefined, "compare-campaigns");
    for (const name of row.campaigns) {
      const item = element("li");
      item.append(shared.has(name) ? element("mark", name) : name);
      if (shared.has(name)) item.append(element("span", "（两者都提到）", "compare-both"));
      names.append(item);
    }
    box.append(element("p", "活动名称："), names);
  }
  return box;
}

for (const box of document.querySelectorAll(".compare[data-rows]")) {
  const rowsUrl = new URL(box.dataset.rows, location.href);
  const base = new URL("../../", rowsUrl); // the site root, seen from downloads/agencies/
  const [left, right] = [box.querySelector(".compare-a"), box.querySelector(".compare-b")];
  const view = box.querySelector(".compare-view");
  fetch(rowsUrl)
    .then((response) => response.json())
    .then((all) => {
      const rows = all.filter((row) => row.agency_id === box.dataset.family);
      rows.forEach((row, n) => {
        const label = `${row.year} 年${row.region} · ${row.agency}`;
        left.append(new Option(label, n));
        right.append(new Option(label, n));
      });
      right.value = rows.length > 1 ? 1 : 0;
      const show = () => {
        const [a, b] = [rows[left.value], rows[right.value]];
        const shared = new Set(a.campaigns.filter((name) => b.campaigns.includes(name)));
        const chosen = [left.value, right.value].join();
        const [hrefA, hrefB] = [a, b].map((row) => new URL(row.url, base).href);
        Promise.all([activities(hrefA), activities(hrefB)]).then(([textA, textB]) => {
          if (chosen !== [left.value, right.value].join()) return; // another choice came since
          view.replaceChildren(column(a, hrefA, textA, shared), column(b, hrefB, textB, shared));
        });
      };
      left.addEventListener("change", show);
      right.addEventListener("change", show);
      show();
      box.hidden = false;
    });
}
