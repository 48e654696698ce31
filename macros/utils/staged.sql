{#- One entity's staged rows from every enabled source: the helpdesk files (always) and, when
    `zendesk_enabled`, the Zendesk adapter's twin model, which has the same columns in the
    same order. Consumers write `{{ staged('tickets') }}` where they read one source. -#}
{% macro staged(entity) -%}
    {%- set zendesk_entities = [
        'tickets', 'ticket_events', 'agents', 'teams', 'customers', 'accounts', 'survey_responses'
    ] -%}
    select * from {{ ref('stg_helpdesk__' ~ entity) }}
    {%- if var('zendesk_enabled', false) and entity in zendesk_entities %}
    union all
    select * from {{ ref('stg_zendesk__' ~ entity) }}
    {%- endif %}
{%- endmacro %}
