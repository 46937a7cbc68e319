{#- A template (mkdocs.yml: theme.static_templates), rendered once per site: the palette's settings
    and icons below come from mkdocs.yml. -#}
{% set ns = namespace(options=[], icons=[]) -%}
{% if config.theme.palette and config.theme.palette is not mapping -%}
  {% for option in config.theme.palette -%}
    {% set ns.options = ns.options + [[
        option.media | d("", true), option.scheme | d("default", true) | replace(" ", "-"),
        option.primary | d("indigo", true) | replace(" ", "-"), option.accent | d("indigo", true) | replace(" ", "-"),
        option.toggle.name if option.toggle else ""]] -%}
    {% if option.toggle -%}
      {% set markup %}{% include ".icons/" ~ option.toggle.icon ~ ".svg" %}{% endset -%}
      {% set ns.icons = ns.icons + [markup | trim] -%}
    {% endif -%}
  {% endfor -%}
{% endif -%}
// Material 9.8's partials/palette.html, written right before this script (which stands where
// Material puts the form): the inputs, and a label with its icon for each option with a toggle.
(() => {
  const options = {{ ns.options | tojson }}; // media, scheme, primary, accent, toggle name
  const icons = {{ ns.icons | tojson }};
  if (!options.length) return;
  const form = document.createElement("form");
  form.className = "md-header__option";
  form.dataset.mdComponent = "palette";
  document.currentScript.before(form);
  options.forEach(([media, scheme, primary, accent, name], index) => {
    const input = form.appendChild(document.createElement("input"));
    input.className = "md-option";
    input.dataset.mdColorMedia = media;
    input.dataset.mdColorScheme = scheme;
    input.dataset.mdColorPrimary = primary;
    input.dataset.mdColorAccent = accent;
    if (name) input.setAttribute("aria-label", name);
    else input.setAttribute("aria-hidden", "true");
    input.type = "radio";
    input.name = "__palette";
    input.id = `__palette_${index}`;
    if (!name) return;
    const label = form.appendChild(document.createElement("label"));
    label.className = "md-header__button md-icon";
    label.title = name;
    label.htmlFor = `__palette_${(index + 1) % options.length}`;
    label.hidden = true;
    label.innerHTML = icons.shift();
  });
})();
// Then Material 9.8's partials/javascripts/palette.html, verbatim: the reader's colour scheme, restored
// before the page is painted (generator/theme/partials/javascripts/palette.html loads it).
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
