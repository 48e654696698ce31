{#- Whether Zendesk schedules are business schedules: the Zendesk adapter is on and the account
    has schedules (var zendesk_using_schedules). The source YAML repeats it (no macros there). -#}
{% macro zendesk_schedules_enabled() -%}
    {{ return(var('zendesk_enabled', false) and var('zendesk_using_schedules', true)) }}
{%- endmacro %}
