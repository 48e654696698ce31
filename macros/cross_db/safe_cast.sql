{#- dbt's safe_cast on DuckDB is a plain cast; use try_cast so bad values become null. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
