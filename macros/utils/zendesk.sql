{#- The Zendesk adapter's ids: `<zendesk_source_system>:<Zendesk id>`, the form scoped_id
    gives every source system other than the default one, so they never meet helpdesk ids. -#}
{% macro zendesk_id(column) -%}
    {{ dbt.concat(["'" ~ var('zendesk_source_system') ~ ":'", dbt.cast(column, dbt.type_string())]) }}
{%- endmacro %}
