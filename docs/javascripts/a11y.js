// Material's search overlay has role="dialog" but no accessible name; screen readers need one.
const search = document.querySelector(".md-search[role=dialog]");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
