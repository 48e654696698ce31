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

{#- The model's final select, cast to the column types of its enforced contract, so the
    YAML is the one place the mart's interface is declared and every adapter conforms. -#}
{% macro select_contract_columns(relation) -%}
    {%- set columns = model.columns.values() | selectattr('data_type') | list -%}
    {%- if columns -%}
    select
        {%- for column in columns %}
        {{ dbt.cast(column.name, column.data_type) }} as {{ column.name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    {%- else -%}
    {#- unit tests render the model without its YAML columns -#}
    select * from {{ relation }}
    {%- endif -%}
{%- endmacro %}

{#- The contracts state PostgreSQL's type names; Spark spells two of them differently. dbt's
    `cast` is the one place types are written (the contract check and select_contract_columns). -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ {'text': 'string', 'double precision': 'double'}.get(type | lower, type) }})
{%- endmacro %}
