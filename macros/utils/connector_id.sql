{#- A connector adapter's ids: `<system>:<id>`, or `<system>:<kind>:<id>` for ids the adapter
    makes from another table's (a comment's event, a conversation's rating), where the system is
    var `<adapter>_source_system` (zendesk_source_system, intercom_source_system). It is the form
    scoped_id gives every source system other than the default one, so a connector's ids never
    meet loaded files' ids. -#}
{% macro connector_id(adapter, column, kind=none) -%}
    {%- set prefix = var(adapter ~ '_source_system') ~ ':' ~ (kind ~ ':' if kind else '') -%}
    {{ dbt.concat(["'" ~ prefix ~ "'", dbt.cast(column, dbt.type_string())]) }}
{%- endmacro %}
