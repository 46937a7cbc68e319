// Copy controls: a link to each activity, and the bulletin page's citation with its permanent URL.
// No library: the Clipboard API, or a selected textarea where it is missing (plain http).
const canonical = document.querySelector("link[rel=canonical]");
const pageUrl = (canonical ? canonical.href : location.href).split("#")[0];

function copy(text, button) {
  const done = () => {
    const label = button.textContent;
    button.textContent = "已复制";
    setTimeout(() => (button.textContent = label), 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => fallback(text) && done());
  } else if (fallback(text)) {
    done();
  }
}

function fallback(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

for (const item of document.querySelectorAll("ol.activities > li[id]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-link";
  button.textContent = "复制链接";
  button.setAttribute("aria-label", `复制链接（第 ${item.id.replace(/\D/g, "")} 项活动）`); // starts with the visible text
  button.addEventListener("click", () => copy(`${pageUrl}#${item.id}`, button));
  item.append(" ", button);
}

for (const box of document.querySelectorAll(".citation")) {
  const text = box.querySelector(".citation-text");
  const button = box.querySelector("button");
  box.querySelector(".cite-url").textContent = " " + pageUrl;
  button.hidden = false;
  button.addEventListener("click", () => copy(text.textContent, button));
}
