{#- Table grants (the `grants` config on marts) do not let a role into the schema: the
    reader role also needs usage on the marts schema, and only on it. -#}
{% macro grant_marts_schema_usage() -%}
    {{ return(adapter.dispatch('grant_marts_schema_usage', 'service_warehouse')()) }}
{%- endmacro %}

{% macro default__grant_marts_schema_usage() -%}
    select 1
{%- endmacro %}

{% macro postgres__grant_marts_schema_usage() -%}
    {%- if execute and flags.WHICH in ('build', 'run') and var('reader_role') -%}
        {% do run_query('grant usage on schema marts to "' ~ var('reader_role') ~ '"') %}
    {%- endif -%}
    select 1
{%- endmacro %}
