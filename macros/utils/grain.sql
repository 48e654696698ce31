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
        cast({{ column.name }} as {{ contract_type(column.data_type) }}) as {{ column.name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}
    {%- else -%}
    {#- unit tests render the model without its YAML columns -#}
    select * from {{ relation }}
    {%- endif -%}
{%- endmacro %}

{#- A contract's column type in the adapter's spelling: the YAML states PostgreSQL's names. -#}
{% macro contract_type(data_type) -%}
    {{ return(adapter.dispatch('contract_type', 'service_warehouse')(data_type)) }}
{%- endmacro %}

{% macro default__contract_type(data_type) -%}
    {{ data_type }}
{%- endmacro %}

{% macro spark__contract_type(data_type) -%}
    {{ {'text': 'string', 'double precision': 'double'}.get(data_type | lower, data_type) }}
{%- endmacro %}

{#- dbt casts to contract types with `cast`, when it checks a contract among other places. -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ contract_type(type) }})
{%- endmacro %}
