{#- One entity's staged rows from every enabled source: the helpdesk files (always) and each
    enabled connector adapter's twin model, which has the same columns in the same order.
    Consumers write `{{ staged('tickets') }}` where they read one source. `union all` pairs
    columns by position, so at execution a twin whose column names or order differ from the
    helpdesk model's stops the build instead of mixing columns (unchecked while either view
    does not exist yet, as in a compile before the first build). -#}
{% macro staged(entity) -%}
    {%- set connectors = {
        'zendesk': ['tickets', 'ticket_events', 'agents', 'teams', 'customers', 'accounts', 'survey_responses'],
        'intercom': ['chat_conversations', 'chat_messages', 'agents', 'teams', 'customers', 'survey_responses'],
    } -%}
    {%- set helpdesk = ref('stg_helpdesk__' ~ entity) -%}
    select * from {{ helpdesk }}
    {%- for connector, entities in connectors.items() if var(connector ~ '_enabled', false) and entity in entities %}
        {%- set twin = ref('stg_' ~ connector ~ '__' ~ entity) -%}
        {%- if execute -%}
            {%- set expected = relation_column_names(helpdesk) -%}
            {%- set found = relation_column_names(twin) -%}
            {%- if found and expected and found != expected -%}
                {{ exceptions.raise_compiler_error(
                    twin.identifier ~ ' has the columns ' ~ found | join(', ') ~ ' where ' ~ helpdesk.identifier
                    ~ ' has ' ~ expected | join(', ') ~ ': a twin must match in names and order'
                ) }}
            {%- endif -%}
        {%- endif %}
    union all
    select * from {{ twin }}
    {%- endfor %}
{%- endmacro %}

{%- macro relation_column_names(relation) -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do names.append(column.name | lower) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
