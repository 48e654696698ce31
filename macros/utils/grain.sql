{#- Helpers for marts that combine measures counted on different events into one grain. -#}

{#- Join condition: `left` and `right` agree on every grain column. -#}
{% macro same_grain(left, right, grain) -%}
    {%- for column in grain -%}
        {{ left }}.{{ column }} = {{ right }}.{{ column }}{% if not loop.last %} and {% endif %}
    {%- endfor -%}
{%- endmacro %}

{#- Every grain value that occurs in any of the given CTEs, once. -#}
{% macro grain_spine(ctes, grain) -%}
    {%- for cte in ctes %}
    select {{ grain | join(', ') }} from {{ cte }}
    {%- if not loop.last %}
    union{% endif %}
    {%- endfor %}
{%- endmacro %}
