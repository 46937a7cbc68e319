{#- A template (mkdocs.yml: theme.static_templates), rendered once per site: the words and icons
    below are the theme's, in the site's language, sent once instead of with every page. -#}
{% import "partials/language.html" as lang with context -%}
{% set features = config.theme.features or [] -%}
{% macro icon(name, fallback) -%}
  {% set markup %}{% include ".icons/" ~ (config.theme.icon[name] or fallback) ~ ".svg" %}{% endset -%}
  {{ markup | trim | tojson }}
{%- endmacro -%}
// The parts of Material 9.8's page chrome that are the same on every page, or repeat what the page
// already holds, written in before Material's bundle looks for them (generator/theme/main.html
// loads this right before the bundle). The markup is Material's own; words and icons come from
// the theme, rendered into this file (a template: generator/theme/assets/javascripts/chrome.js).
(() => {
  const escape = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  const element = (parent, tag, className) => {
    const child = parent.appendChild(document.createElement(tag));
    child.className = className;
    return child;
  };
  const list = (nav, items, component) => {
    const ul = element(nav, "ul", "md-nav__list");
    if (component) ul.dataset.mdComponent = component;
    ul.setAttribute("data-md-scrollfix", "");
    for (const [href, text] of items) {
      const link = element(element(ul, "li", "md-nav__item"), "a", "md-nav__link");
      link.setAttribute("href", href);
      element(link, "span", "md-ellipsis").textContent = text;
    }
  };

  // The drawer (generator/theme/main.html), as Material's partials/nav.html writes it: the
  // header's logo and site name, then the tabs' links.
  const drawer = document.querySelector(".md-nav--primary[data-from=tabs]");
  if (drawer) {
    drawer.removeAttribute("data-from");
    const title = element(drawer, "label", "md-nav__title");
    title.htmlFor = "__drawer";
    title.append(document.querySelector(".md-header__button.md-logo").cloneNode(true));
    title.firstChild.className = "md-nav__button md-logo";
    title.append(` ${document.querySelector(".md-header__topic .md-ellipsis").textContent.trim()}`);
    const tabs = [...document.querySelectorAll(".md-tabs__link")];
    list(drawer, tabs.map((tab) => [tab.getAttribute("href"), tab.textContent.trim()]));
  }

  // The table of contents (generator/theme/main.html), as partials/toc.html writes it: its title
  // (the nav's label), then the article's headings.
  const toc = document.querySelector(".md-nav--secondary[data-from=headings]");
  if (toc) {
    toc.removeAttribute("data-from");
    const title = element(toc, "label", "md-nav__title");
    title.htmlFor = "__toc";
    element(title, "span", "md-nav__icon md-icon");
    title.append(` ${toc.getAttribute("aria-label")}`);
    // A heading's text without its permalink (toc: permalink), as the toc extension names it.
    const name = (heading) =>
      [...heading.childNodes]
        .filter((node) => !(node.classList && node.classList.contains("headerlink")))
        .map((node) => node.textContent)
        .join("")
        .trim();
    const headings = [...document.querySelectorAll("article h2[id]")];
    list(toc, headings.map((heading) => [`#${heading.id}`, name(heading)]), "toc");
  }

  // The search dialog, after the header's search button, as partials/search.html writes it
  // without search.share and search.suggest, which this site does not enable; Material leaves the
  // dialog unnamed, screen readers need a name. Only the search needs it: without JavaScript
  // Material hides the search anyway.
  const button = document.querySelector(".md-header__button[for=__search]");
  if (button && !document.querySelector("[data-md-component=search]")) {
    const [placeholder, reset, options, initializer] = [
      {{ lang.t("search.placeholder") | tojson }}, {{ lang.t("search.reset") | tojson }},
      {{ lang.t("search") | tojson }}, {{ lang.t("search.result.initializer") | tojson }},
    ].map(escape);
    const [search, previous, close] = [
      {{ icon("search", "material/magnify") }}, {{ icon("previous", "material/arrow-left") }},
      {{ icon("close", "material/close") }},
    ];
    const dialog = document.createElement("div");
    dialog.className = "md-search";
    dialog.dataset.mdComponent = "search";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", placeholder);
    dialog.innerHTML =
      `<label class="md-search__overlay" for="__search"></label>` +
      `<div class="md-search__inner" role="search">` +
      `<form class="md-search__form" name="search">` +
      `<input type="text" class="md-search__input" name="query" aria-label="${placeholder}" placeholder="${placeholder}"` +
      ` autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>` +
      `<label class="md-search__icon md-icon" for="__search">${search}${previous}</label>` +
      `<nav class="md-search__options" aria-label="${options}">` +
      `<button type="reset" class="md-search__icon md-icon" title="${reset}" aria-label="${reset}" tabindex="-1">${close}</button>` +
      `</nav></form>` +
      `<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>` +
      `<div class="md-search-result" data-md-component="search-result">` +
      `<div class="md-search-result__meta">${initializer}</div>` +
      `<ol class="md-search-result__list" role="presentation"></ol>` +
      `</div></div></div></div>`;
    button.after(dialog);
  }
  {%- if "navigation.top" in features %}

  // The back-to-top button (navigation.top), as partials/top.html writes it: hidden until Material's
  // bundle shows it on scrolling up, which it cannot do without JavaScript.
  const main = document.querySelector("main.md-main");
  if (main && !document.querySelector("[data-md-component=top]")) {
    const top = element(main, "button", "md-top md-icon");
    top.type = "button";
    top.dataset.mdComponent = "top";
    top.hidden = true;
    top.innerHTML = {{ icon("top", "material/arrow-up") }} + " " + escape({{ lang.t("top") | tojson }});
  }
  {%- endif %}
})();
